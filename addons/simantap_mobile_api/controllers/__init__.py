from . import app, replica_routes
