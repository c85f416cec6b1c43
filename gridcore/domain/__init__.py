"""The domain core: jurisdiction, coding rules, dictionaries, ID numbers, households and residents.

Pure rules; no I/O beyond the database session a service hands in.
"""
