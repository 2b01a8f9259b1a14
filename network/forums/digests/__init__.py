"""The daily or weekly e-mail of what a member follows in the forums."""
