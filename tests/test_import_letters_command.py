import pytest
from django.core.management import CommandError, call_command

from letters.models import Citation, Letter
from tests.factories import SEEDS_DIR

pytestmark = pytest.mark.django_db


def test_imports_a_directory_with_a_summary_line_per_file(capsys):
    call_command("import_letters", str(SEEDS_DIR))
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 5
    assert all(line.startswith("nieuw") for line in out)
    assert Letter.objects.count() == 5


def test_second_import_changes_nothing(capsys):
    call_command("import_letters", str(SEEDS_DIR))
    citations = Citation.objects.count()
    capsys.readouterr()
    call_command("import_letters", str(SEEDS_DIR))
    out = capsys.readouterr().out.splitlines()
    assert all(line.startswith("ongewijzigd") for line in out)
    assert Letter.objects.count() == 5
    assert Citation.objects.count() == citations


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("leeg.txt", b"", "leeg"),
        ("binair.txt", bytes(range(256)) * 40, ""),
        ("kapot.pdf", b"%PDF-1.7\n garbage", ""),
        ("boodschappen.txt", b"melk\nbrood\n", ""),
    ],
)
def test_bad_files_exit_non_zero_with_a_message_and_save_nothing(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError):
        call_command("import_letters", str(path))
    err = capsys.readouterr().err
    assert name in err
    assert message in err.lower()
    assert Letter.objects.count() == 0


def test_missing_path_is_a_clear_error():
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("import_letters", "/nonexistent/brief.txt")


def test_good_files_are_kept_when_another_file_fails(tmp_path):
    (tmp_path / "a.txt").write_bytes((SEEDS_DIR / "000_573d039305e60e37.txt").read_bytes())
    (tmp_path / "b.txt").write_bytes(b"")
    with pytest.raises(CommandError):
        call_command("import_letters", str(tmp_path))
    assert Letter.objects.count() == 1


def test_force_re_extracts_unchanged_texts(capsys):
    call_command("import_letters", str(SEEDS_DIR))
    Citation.objects.all().delete()
    capsys.readouterr()
    call_command("import_letters", str(SEEDS_DIR), "--force")
    out = capsys.readouterr().out.splitlines()
    assert all(line.startswith("bijgewerkt") for line in out)
    assert Letter.objects.count() == 5
    assert Citation.objects.exists()
