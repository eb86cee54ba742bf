"""Personal data: finding ID, mobile and bank numbers, masking them, name lists, leak scans."""
