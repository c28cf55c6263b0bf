"""The data model and reading it: where a data set lives, the strict YAML reader, the file models
(pydantic), the checks beyond one file, and loading a whole data set.
"""
