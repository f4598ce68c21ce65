from . import simantap_position_class
