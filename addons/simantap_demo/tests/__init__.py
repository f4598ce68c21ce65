from . import test_demo, test_plan, test_readme
