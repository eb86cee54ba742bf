"""`gongkai serve`: the local preview that rebuilds and reloads as the data is saved.

session.py runs it (a save: the open pages previewed, then the whole site
built); server.py is the web server; preview.py builds pages alone with MkDocs
kept open; parsed.py keeps item files parsed between saves; watch.py says
which files a save wrote; page/ holds the problem page and the reload script.
"""
