from . import test_menus
