"""Deadlines: working time (office days and hours, holidays), the SOP's standard times, the inbox of each role."""
