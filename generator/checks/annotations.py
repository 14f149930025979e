"""GitHub Actions workflow commands, so CI shows each catalog problem on the offending line of the PR diff."""

from __future__ import annotations


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, file: str, line: int, column: int, title: str, message: str) -> str:
    """`::error file=…,line=…,col=…,title=…::message`, escaped as GitHub's runner expects."""
    props = f"file={_escape_property(file)},line={line},col={column},title={_escape_property(title)}"
    return f"::{level} {props}::{_escape_data(message)}"
