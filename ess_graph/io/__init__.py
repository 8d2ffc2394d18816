"""Readers and writers of networks (CSV folders, XLSX workbooks, graph formats)."""
