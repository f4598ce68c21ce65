from . import database
