from . import simantap_demo_history
