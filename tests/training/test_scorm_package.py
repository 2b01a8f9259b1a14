"""SCORM 1.2 packages: validation before anything is written, extraction, the demo package.

Each test builds its zip in memory with ``zipfile``; the demo package is zipped from
``portal/demo/content/training/scorm/premiers-pas-msa/`` with ``build_zip``.
"""

import io
import stat
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage

from training.scorm import package
from training.scorm.package import Manifest, PackageError, Sco

DEMO = Path(__file__).resolve().parents[2] / "portal/demo/content/training/scorm/premiers-pas-msa"

PAGE = b"<!DOCTYPE html><title>SCO</title>"


def manifest_xml(
    *,
    organizations: str | None = None,
    resources: str | None = None,
    schemaversion: str = "1.2",
) -> str:
    """A SCORM 1.2 manifest; line 1 is the XML declaration."""
    organizations = organizations or (
        '<organizations default="ORG">\n'
        '<organization identifier="ORG"><title>Module</title>\n'
        '<item identifier="I1" identifierref="R1"><title>Leçon</title></item>\n'
        "</organization>\n"
        "</organizations>"
    )
    resources = resources or (
        "<resources>\n"
        '<resource identifier="R1" type="webcontent" adlcp:scormtype="sco" href="index.html"/>\n'
        "</resources>"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest identifier="PKG" version="2.1"'
        ' xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"'
        ' xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">\n'
        f"<metadata><schema>ADL SCORM</schema><schemaversion>{schemaversion}</schemaversion>"
        "</metadata>\n"
        f"{organizations}\n"
        f"{resources}\n"
        "</manifest>\n"
    )


def make_zip(members: dict[str, bytes | str], *, symlinks: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in symlinks:
                info.create_system = 3
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def valid_zip(**extra: bytes | str) -> bytes:
    return make_zip({"imsmanifest.xml": manifest_xml(), "index.html": PAGE, **extra})


def error_of(data: bytes, **limits) -> PackageError:
    with pytest.raises(PackageError) as caught:
        package.inspect(data, **limits)
    return caught.value


def test_a_package_inspects_to_its_default_organizations_scos_in_order():
    # arrange: the default organization is the second one; its items nest, one is an asset
    organizations = (
        '<organizations default="ORG-B">\n'  # line 4
        '<organization identifier="ORG-A"><title>Autre</title>\n'
        '<item identifier="A1" identifierref="RA"><title>A</title></item>\n'
        "</organization>\n"
        '<organization identifier="ORG-B"><title>La MSA</title>\n'
        '<item identifier="PART"><title>Partie</title>\n'
        '<item identifier="B2" identifierref="R2" parameters="?page=2"><title>Deux</title>\n'
        "<adlcp:masteryscore>75</adlcp:masteryscore></item>\n"
        '<item identifier="GLOSS" identifierref="RG"><title>Glossaire</title></item>\n'
        "</item>\n"
        '<item identifier="B1" identifierref="R1"><title>Un</title></item>\n'
        "</organization>\n"
        "</organizations>"
    )
    resources = (
        "<resources>\n"
        '<resource identifier="RA" adlcp:scormtype="sco" href="a.html"/>\n'
        '<resource identifier="R1" adlcp:scormtype="sco" href="un/index.html"/>\n'
        '<resource identifier="R2" adlcp:scormType="SCO" href="deux.html"/>\n'
        '<resource identifier="RG" adlcp:scormtype="asset" href="glossaire.html"/>\n'
        "</resources>"
    )
    data = make_zip(
        {
            "imsmanifest.xml": manifest_xml(organizations=organizations, resources=resources),
            "a.html": PAGE,
            "un/index.html": PAGE,
            "deux.html": PAGE,
            "glossaire.html": PAGE,
        }
    )

    # act
    manifest = package.inspect(data)

    # assert
    assert manifest == Manifest(
        identifier="PKG",
        title="La MSA",
        version="2.1",
        scos=(Sco("B2", "Deux", "deux.html?page=2"), Sco("B1", "Un", "un/index.html")),
        mastery_score=75.0,
        launch="deux.html?page=2",
    )


def test_a_file_object_is_read_like_bytes():
    # arrange
    data = io.BytesIO(valid_zip())

    # act
    manifest = package.inspect(data)

    # assert
    assert (manifest.launch, manifest.mastery_score) == ("index.html", None)


def test_the_adlcp_1_2_namespace_stands_for_a_missing_schemaversion():
    # arrange
    xml = manifest_xml().replace(
        "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>", ""
    )

    # act
    manifest = package.inspect(make_zip({"imsmanifest.xml": xml, "index.html": PAGE}))

    # assert
    assert manifest.launch == "index.html"


@pytest.mark.parametrize(
    "name",
    [
        "../evil.html",
        "content/../../evil.html",
        "/etc/x",
        "..\\evil.html",
        "content\\..\\..\\evil.html",
        "C:/Windows/evil.html",
        "./index2.html",
    ],
)
def test_a_member_name_that_could_escape_the_package_is_refused(name):
    # arrange
    data = valid_zip(**{name: PAGE})

    # act
    error = error_of(data)

    # assert
    assert (error.code, error.path) == ("path_escape", name)


def test_a_member_name_with_a_nul_byte_is_refused():
    # arrange: zipfile cuts names at NUL when writing, so the byte goes in afterwards
    data = valid_zip(**{"evilXname.html": PAGE}).replace(b"evilXname", b"evil\x00name")

    # act
    error = error_of(data)

    # assert
    assert error.code == "path_escape"


def test_a_symbolic_link_is_refused():
    # arrange
    data = make_zip(
        {"imsmanifest.xml": manifest_xml(), "index.html": "/etc/passwd"}, symlinks=("index.html",)
    )

    # act
    error = error_of(data)

    # assert
    assert (error.code, error.path) == ("unsafe_file", "index.html")


def test_a_file_that_is_not_a_zip_is_refused():
    # act
    error = error_of(b"%PDF-1.7 not a zip")

    # assert
    assert error.code == "not_a_zip"


@pytest.mark.parametrize(
    "limits",
    [{"max_size": 200}, {"max_total": 1_000}],
    ids=["compressed", "uncompressed"],
)
def test_a_package_over_the_size_limits_is_refused(limits):
    # arrange: well within the default limits
    data = valid_zip(**{"notes.txt": bytes(range(256)) * 8})

    # act
    error = error_of(data, **limits)

    # assert
    assert error.code == "too_large"
    package.inspect(data)


def test_a_package_with_too_many_files_is_refused():
    # arrange
    data = valid_zip(**{f"img/{n}.png": b"png" for n in range(3)})

    # act
    error = error_of(data, max_files=4)

    # assert
    assert error.code == "too_many_files"
    assert package.inspect(data, max_files=5).launch == "index.html"


def test_a_member_compressed_like_a_zip_bomb_is_refused():
    # arrange: a megabyte of zeros deflates about a thousand times
    data = valid_zip(**{"zeros.bin": bytes(2**20)})

    # act
    error = error_of(data)

    # assert
    assert (error.code, error.path) == ("zip_bomb", "zeros.bin")
    assert package.inspect(data, max_ratio=2_000).launch == "index.html"


def test_a_package_without_a_manifest_at_its_root_is_refused_with_the_nested_one_named():
    # arrange: the folder was zipped instead of its contents
    data = make_zip({"module/imsmanifest.xml": manifest_xml(), "module/index.html": PAGE})

    # act
    error = error_of(data)

    # assert
    assert (error.code, error.path) == ("no_manifest", "module/imsmanifest.xml")


def test_a_manifest_syntax_error_is_reported_with_its_line():
    # arrange: line 5 closes a tag that is not open
    xml = manifest_xml().replace(
        '<item identifier="I1" identifierref="R1"><title>Leçon</title></item>',
        '<item identifier="I1" identifierref="R1"><title>Leçon</titre></item>',
    )

    # act
    error = error_of(make_zip({"imsmanifest.xml": xml, "index.html": PAGE}))

    # assert
    assert (error.code, error.line, error.path) == ("manifest_syntax", 6, "imsmanifest.xml")
    assert "line 6" in str(error)


def test_a_manifest_declaring_entities_is_refused():
    # arrange
    xml = manifest_xml().replace(
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY a "aaaaaaaaaa">]>\n',
    )

    # act
    error = error_of(make_zip({"imsmanifest.xml": xml, "index.html": PAGE}))

    # assert
    assert error.code == "manifest_syntax"


def test_a_scorm_2004_manifest_is_refused():
    # arrange
    xml = (
        manifest_xml(schemaversion="2004 4th Edition")
        .replace("adlcp_rootv1p2", "adlcp_v1p3")
        .replace("adlcp:scormtype", "adlcp:scormType")
    )

    # act
    error = error_of(make_zip({"imsmanifest.xml": xml, "index.html": PAGE}))

    # assert
    assert (error.code, error.line) == ("not_scorm_12", 2)


def test_an_item_pointing_to_a_missing_resource_is_reported_with_its_line():
    # arrange
    xml = manifest_xml().replace('identifierref="R1"', 'identifierref="NOPE"')

    # act
    error = error_of(make_zip({"imsmanifest.xml": xml, "index.html": PAGE}))

    # assert
    assert (error.code, error.line) == ("missing_resource", 6)


def test_an_absent_launch_file_is_reported_with_its_resources_line():
    # arrange
    data = make_zip({"imsmanifest.xml": manifest_xml(), "autre.html": PAGE})

    # act
    error = error_of(data)

    # assert
    assert (error.code, error.line) == ("missing_file", 10)


def test_a_launch_file_outside_the_package_is_refused():
    # arrange
    xml = manifest_xml().replace('href="index.html"', 'href="../index.html"')

    # act
    error = error_of(make_zip({"imsmanifest.xml": xml, "index.html": PAGE}))

    # assert
    assert error.code == "missing_file"


def test_an_organization_of_assets_only_launches_no_sco():
    # arrange
    xml = manifest_xml().replace('adlcp:scormtype="sco"', 'adlcp:scormtype="asset"')

    # act
    error = error_of(make_zip({"imsmanifest.xml": xml, "index.html": PAGE}))

    # assert
    assert (error.code, error.line) == ("no_sco", 5)


def test_a_default_organization_that_does_not_exist_is_refused():
    # arrange
    xml = manifest_xml().replace('default="ORG"', 'default="GHOST"')

    # act
    error = error_of(make_zip({"imsmanifest.xml": xml, "index.html": PAGE}))

    # assert
    assert (error.code, error.line) == ("no_organization", 4)


def test_a_mastery_score_out_of_range_is_refused_with_its_line():
    # arrange
    xml = manifest_xml().replace(
        "<title>Leçon</title>",
        "<title>Leçon</title>\n<adlcp:masteryscore>120</adlcp:masteryscore>",
    )

    # act
    error = error_of(make_zip({"imsmanifest.xml": xml, "index.html": PAGE}))

    # assert
    assert (error.code, error.line) == ("invalid_value", 7)


def test_extract_writes_every_file_under_the_prefix(tmp_path):
    # arrange
    storage = FileSystemStorage(location=tmp_path)
    data = valid_zip(**{"img/logo.svg": b"<svg/>", "img/": b""})

    # act
    manifest = package.extract(data, storage, "scorm/42/")

    # assert
    assert manifest.launch == "index.html"
    written = sorted(
        p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()
    )
    assert written == ["scorm/42/img/logo.svg", "scorm/42/imsmanifest.xml", "scorm/42/index.html"]
    assert (tmp_path / "scorm/42/index.html").read_bytes() == PAGE


def test_extract_writes_nothing_from_an_invalid_package(tmp_path):
    # arrange
    storage = FileSystemStorage(location=tmp_path)
    data = valid_zip(**{"../evil.html": PAGE})

    # act
    with pytest.raises(PackageError):
        package.extract(data, storage, "scorm/42")

    # assert
    assert list(tmp_path.rglob("*")) == []


class FailingStorage(FileSystemStorage):
    """Fails to save its third file."""

    saves = 0

    def _save(self, name, content):
        self.saves += 1
        if self.saves == 3:
            raise OSError("disk full")
        return super()._save(name, content)


def test_extract_removes_what_it_wrote_when_the_storage_fails_midway(tmp_path):
    # arrange
    storage = FailingStorage(location=tmp_path)
    data = valid_zip(**{"a.css": b"a", "b.js": b"b"})

    # act
    with pytest.raises(OSError, match="disk full"):
        package.extract(data, storage, "scorm/42")

    # assert
    assert storage.saves == 3
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_extract_refuses_to_write_beside_an_existing_file(tmp_path):
    # arrange: the storage would rename the second index.html
    storage = FileSystemStorage(location=tmp_path)
    (tmp_path / "scorm/42").mkdir(parents=True)
    (tmp_path / "scorm/42/index.html").write_bytes(b"old")

    # act
    with pytest.raises(PackageError) as caught:
        package.extract(valid_zip(), storage, "scorm/42")

    # assert
    assert caught.value.code == "storage_conflict"
    files = [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()]
    assert files == ["scorm/42/index.html"]
    assert (tmp_path / "scorm/42/index.html").read_bytes() == b"old"


def test_the_demo_package_inspects_cleanly():
    # act
    manifest = package.inspect(package.build_zip(DEMO))

    # assert
    assert manifest == Manifest(
        identifier="FS-MSA-PREMIERS-PAS",
        title="La MSA : accueillir les assurés agricoles",
        version="1.0",
        scos=(Sco("ITEM-MSA", "Premiers pas avec la MSA", "index.html"),),
        mastery_score=80.0,
        launch="index.html",
    )


def test_build_zip_is_deterministic_with_sorted_names_and_fixed_times():
    # act
    first, second = package.build_zip(DEMO), package.build_zip(DEMO)

    # assert
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == ["imsmanifest.xml", "index.html", "sco.js", "style.css"]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
