"""The administrator's screens: users and roles, OPD list, letterhead and calendar."""
