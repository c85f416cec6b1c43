"""Branding (软件信息, 用户信息): ``gridcore brand show|set``, ``version``, the login banner and ``--help``."""

from __future__ import annotations

import json

from PIL import Image

from gridcore.errors import PermissionDeniedError, ValidationError
from gridcore.services.audit import AuditFilter, list_records
from gridcore.services.unit import read_unit
from gridcore.testing import TEST_ADMIN_PASSWORD, add_operator, grant


def version(app, cli) -> dict:
    result = cli(app, "version", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_set_overrides_the_edition_key_by_key_and_blank_restores_it(make_app, cli):
    app = make_app(branding={"name": "平安社区管理平台", "company": "某某科技"})
    result = cli(app, "brand", "set", "company=江畔信息公司", "用户名称=江畔街道办事处", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"company": "江畔信息公司", "user_name": "江畔街道办事处"}
    shown = version(app, cli)
    expected = ("平安社区管理平台", "江畔信息公司", "江畔街道办事处")
    assert (shown["name"], shown["company"], shown["user_name"]) == expected
    assert cli(app, "brand", "set", "开发单位=").exit_code == 0
    assert version(app, cli)["company"] == "某某科技"  # the edition's value again


def test_changes_are_audited(gridcore_app, cli):
    assert cli(gridcore_app, "brand", "set", "contact=0000-12345678").exit_code == 0
    with read_unit(gridcore_app) as uow:
        [line] = list_records(uow, AuditFilter(event_type="branding"))
    assert (line.actor, line.object_key, line.detail) == ("admin", "contact", {"contact": "0000-12345678"})


def test_software_information_needs_its_own_permission(gridcore_app, cli):
    grant(gridcore_app, "信息采集员", "system.user_info")
    clerk = add_operator(gridcore_app, "caiji", group="信息采集员")
    allowed = cli(gridcore_app, "brand", "set", "用户名称=红旗社区", actor=clerk)
    assert allowed.exit_code == 0, allowed.output
    refused = cli(gridcore_app, "brand", "set", "用户名称=X", "name=山寨系统", actor=clerk)
    assert refused.exit_code == PermissionDeniedError.exit_code
    assert refused.stderr.strip() == "错误: 操作员 caiji 没有权限「system.brand」, 不能修改「软件名称」"
    assert version(gridcore_app, cli)["user_name"] == "红旗社区"  # nothing of the refused call was written
    viewer = add_operator(gridcore_app, "chaxun", group="查询员")
    assert cli(gridcore_app, "brand", "set", "用户名称=Y", actor=viewer).exit_code == PermissionDeniedError.exit_code


def test_images_must_be_images_and_unknown_keys_list_the_known(gridcore_app, cli, tmp_path):
    fake = tmp_path / "logo.png"
    fake.write_text("not an image", encoding="utf-8")
    result = cli(gridcore_app, "brand", "set", f"logo={fake}")
    assert result.exit_code == ValidationError.exit_code
    assert result.stderr.strip() == f"错误: 「标志图片」{fake} 不是图片文件: 请使用 PNG 或 JPEG"
    Image.new("RGB", (64, 64), "red").save(fake)
    assert cli(gridcore_app, "brand", "set", f"logo={fake}").exit_code == 0
    unknown = cli(gridcore_app, "brand", "set", "颜色=红")
    assert unknown.exit_code == ValidationError.exit_code
    assert "没有软件信息项「颜色」: 可用 软件名称(name)" in unknown.stderr


def test_the_banner_shows_at_login_and_in_help(make_app, cli, tmp_path):
    app = make_app(branding={"name": "平安社区管理平台", "version_label": "V2.1"})
    assert cli(app, "brand", "set", "用户名称=江畔街道").exit_code == 0
    password = tmp_path / "pw.txt"
    password.write_text(TEST_ADMIN_PASSWORD, encoding="utf-8")
    login = cli(app, "login", "admin", "--password-file", str(password), actor=False)
    assert login.exit_code == 0, login.output
    assert login.stdout.splitlines()[0] == "平安社区管理平台 V2.1 · 江畔街道"
    shown = cli(app, "--help", actor=False)
    assert shown.stdout.splitlines()[0] == "平安社区管理平台 V2.1"
    brand = cli(app, "brand", "show", "--format", "json")
    assert json.loads(brand.stdout)["用户名称"] == "江畔街道"
