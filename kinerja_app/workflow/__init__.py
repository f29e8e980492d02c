"""The SOP's actions, one service function each. Import the step modules directly."""
