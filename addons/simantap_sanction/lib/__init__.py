"""Pure-Python helpers of Simantap Sanction: no ORM import, tested directly."""
