"""Updating a data set: record one value into a file byte-exactly, and import values from PxWeb
(JSON-stat) sources.
"""
