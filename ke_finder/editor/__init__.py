"""Tools for the people who keep the data: contact import from spreadsheets, link checking. Not part of the build."""
