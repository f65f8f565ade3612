"""The public API stays small and stable."""

import lagebild


def test_api_all_is_pinned():
    assert sorted(lagebild.__all__) == [
        "Article", "CleanOptions", "Edit", "IngestReport", "InputError", "LagebildError",
        "ReadOptions", "Store", "clean", "ingest", "read",
    ]  # fmt: skip
    for name in lagebild.__all__:
        assert getattr(lagebild, name) is not None


def test_api_errors_form_one_tree():
    from lagebild import errors

    for name in errors.__all__:
        assert issubclass(getattr(errors, name), errors.LagebildError)
