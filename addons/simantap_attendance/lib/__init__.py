"""Pure-Python helpers of Simantap: no ORM import, tested directly."""
