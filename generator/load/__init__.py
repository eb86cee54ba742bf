"""Reading a site's files into plain data with source positions."""
