"""Question bank formats partners export from their LMS: GIFT and Moodle XML.

Each module offers ``parse`` (all or nothing: a list of valid questions, or an error
carrying a ``line`` and a ``code``) and ``dump``.
"""
