"""What machines and auditors read on the built pages: JSON-LD, sitemap
lastmod, <html lang="zh-CN">, the Chinese 404 page, footer identity and the
publication date on every item."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
import yaml

from generator.build import build

AS_OF = date(2026, 11, 28)
LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def example_site(example_built):
    return example_built.folder


def html(site, rel: str) -> str:
    return (site.root / "build/site" / rel).read_text(encoding="utf-8")


def jsonld(page: str):
    blocks = LD.findall(page)
    assert len(blocks) <= 1
    return json.loads(blocks[0]) if blocks else None


def front(site, folder: str, slug: str) -> dict:
    text = (site.root / "build/docs" / folder / slug / "index.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def item_slugs(site, folder: str) -> list[str]:
    return sorted(p.stem for p in (site.root / "data" / folder).glob("*.yaml"))


def test_services_fees_and_subsidies_are_government_services(example_site):
    for folder in ("services", "fees", "subsidies"):
        for slug in item_slugs(example_site, folder):
            data = jsonld(html(example_site, f"{folder}/{slug}/index.html"))
            assert data["@type"] == "GovernmentService", (folder, slug)
            assert data["@context"] == "https://schema.org"
            assert data["url"] == f"https://qingxiang.example.gov.cn/{folder}/{slug}/"
            assert data["provider"]["@type"] == "GovernmentOrganization"
            assert data["name"] == front(example_site, folder, slug)["title"]
    fee = jsonld(html(example_site, "fees/jisheng-zhengjian-gongbenfei/index.html"))
    assert fee["offers"] and all(o["@type"] == "Offer" and o["priceCurrency"] == "CNY"
                                 for o in fee["offers"])
    subsidy = jsonld(html(example_site, "subsidies/nongcun-jiangli-fuzhu/index.html"))
    assert {"@type": "MonetaryAmount", "value": 720.0, "currency": "CNY"}.items() <= \
        subsidy["serviceOutput"][0].items()
    guide = jsonld(html(example_site, "services/dusheng-zinv-guangrongzheng/index.html"))
    place = guide["availableChannel"]["serviceLocation"]
    assert "便民服务中心" in place["name"]
    hours = place["openingHoursSpecification"]
    assert [(h["opens"], h["closes"]) for h in hours] == [("08:30", "12:00"), ("14:30", "18:00")]
    assert hours[0]["dayOfWeek"][0] == "https://schema.org/Monday" and len(hours[0]["dayOfWeek"]) == 5


def test_notices_are_special_announcements_expiring_at_the_period_end(example_site):
    data = jsonld(html(example_site, "notices/jiangli-fuzhu-gongshi-2027/index.html"))
    assert data["@type"] == "SpecialAnnouncement"
    assert data["datePosted"] == "2026-11-23"
    # 7 working days from Monday 2026-11-23: the period ends Tuesday 2026-12-01.
    assert data["expires"] == "2026-12-01"
    # The same end date the page shows to people.
    assert "公示期：</strong>2026年11月23日至2026年12月1日" in \
        html(example_site, "notices/jiangli-fuzhu-gongshi-2027/index.html")


def test_organizations_with_contact_points_and_opening_hours(example_site):
    for rel in ("guide/index.html", "contacts/index.html"):
        data = jsonld(html(example_site, rel))
        orgs = {node["name"]: node for node in data["@graph"]}
        assert all(node["@type"] == "GovernmentOrganization" for node in orgs.values())
        town = orgs["勍香镇人民政府"]
        assert town["identifier"] == "11530921MB1234567X"
        office = orgs["勍香镇卫生健康办公室（计划生育办公室）"]
        assert office["parentOrganization"] == {"@id": town["@id"]}
        points = {p["name"]: p for p in office["contactPoint"]}
        assert points["计划生育政策咨询电话"]["telephone"] == "0883-3621234"
        station = points["镇计生服务站咨询接待"]["hoursAvailable"][0]
        assert station["@type"] == "OpeningHoursSpecification"
        assert station["dayOfWeek"] == ["https://schema.org/Tuesday", "https://schema.org/Thursday"]
        assert (station["opens"], station["closes"]) == ("08:30", "11:30")
        reception = {p["name"]: p for p in town["contactPoint"]}
        assert "qxzf@qingxiang.example.gov.cn" in {p.get("email") for p in reception.values()}


def test_listings_carry_no_structured_data(example_site):
    for rel in ("services/index.html", "index.html"):
        assert jsonld(html(example_site, rel)) is None, rel


def test_policies_are_legislation_with_their_versions(example_site):
    base = "https://qingxiang.example.gov.cn/policies/"
    xize = jsonld(html(example_site, "policies/shehui-fuyangfei-xize/index.html"))
    assert xize["@type"] == "Legislation" and xize["@context"] == "https://schema.org"
    assert xize["@id"] == base + "shehui-fuyangfei-xize/"
    assert xize["legislationIdentifier"] == "勍政发〔2020〕12号"     # the last version's 文号
    assert xize["legislationType"] == "行政规范性文件"
    assert (xize["legislationDate"], xize["datePublished"]) == ("2019-04-12", "2019-04-14")
    assert xize["legislationDateVersion"] == "2020-09-01" and xize["version"] == 2
    assert xize["legislationLegalForce"] == "https://schema.org/NotInForce"   # repealed in 2021
    assert xize["legislationPassedBy"]["name"] == "勍香镇人民政府"
    first, second = xize["workExample"]
    assert first["@id"] == base + "shehui-fuyangfei-xize/v/1/"
    assert first["legislationLegalForce"] == "https://schema.org/NotInForce"
    assert first["legislationIdentifier"] == "勍政发〔2019〕7号"
    assert second["legislationChanges"] == {"@id": first["@id"]}
    # A 政策解读 is an article about the policy it explains, not legislation itself.
    jiedu = jsonld(html(example_site, "policies/jiangli-fuzhu-jiedu/index.html"))
    assert jiedu["@type"] == "Article"
    assert jiedu["about"]["@id"] == base + "jiangli-fuzhu-tongzhi/"
    for slug in item_slugs(example_site, "policies"):
        data = jsonld(html(example_site, f"policies/{slug}/index.html"))
        assert data["name"] == front(example_site, "policies", slug)["title"], slug


def test_repealed_policy_has_no_legal_force(minimal):
    policy = next((minimal.root / "data/policies").glob("*.yaml"))
    minimal.append(policy.relative_to(minimal.root).as_posix(),
                   "repealed: {date: 2026-10-01, reason: 上位法已修改}\n")
    build(minimal.root, AS_OF)
    page = (minimal.root / "build/site/policies" / policy.stem / "index.html").read_text("utf-8")
    data = jsonld(page)
    assert data["legislationLegalForce"] == "https://schema.org/NotInForce"
    assert data["expires"] == "2026-10-01"


def test_sitemap_lastmod_is_each_items_updated_date(example_site):
    root = ET.parse(example_site.root / "build/site/sitemap.xml").getroot()
    lastmod = {url.find(f"{SITEMAP}loc").text: url.find(f"{SITEMAP}lastmod").text
               for url in root.findall(f"{SITEMAP}url")}
    checked = 0
    for folder in ("policies", "fees", "subsidies", "services", "notices"):
        for slug in item_slugs(example_site, folder):
            updated = front(example_site, folder, slug)["updated"]
            assert lastmod[f"https://qingxiang.example.gov.cn/{folder}/{slug}/"] == updated
            checked += 1
    assert checked == 16
    # Not every item changed on the build date: the dates really come from the data.
    assert len({lastmod[u] for u in lastmod if "/fees/" in u or "/services/" in u}) > 1
    # Repealed when the state abolished it: the repeal is its last update.
    assert lastmod["https://qingxiang.example.gov.cn/fees/shehui-fuyangfei/"] == "2021-08-20"


def test_every_page_is_zh_cn_with_chinese_interface_strings(example_site):
    pages = list((example_site.root / "build/site").rglob("*.html"))
    assert len(pages) >= 25
    for page in pages:
        assert '<html lang="zh-CN"' in page.read_text(encoding="utf-8"), page
    home = html(example_site, "index.html")
    assert "跳转至" in home        # Material's Chinese strings are still used


def test_404_page_is_chinese_with_ways_back(example_site):
    page = html(example_site, "404.html")
    assert "<h1>页面不存在</h1>" in page
    assert 'href="/">返回首页' in page
    assert 'href="/catalog/">' in page and "搜索" in page


def test_footer_shows_the_sites_identity(example_site):
    page = html(example_site, "services/zaishengyu-shenpi/index.html")
    footer = page[page.index('class="md-copyright gk-footer"'):]
    for text in ("主办单位：勍香镇人民政府", 'href="tel:0883-3621001"', "网站标识码：5309000012",
                 "滇ICP备12345678号-1", "滇公网安备 53090002000123号", "数据截至 2026-11-28"):
        assert text in footer, text


def test_every_item_shows_its_publication_date(example_site):
    for folder in ("policies", "fees", "subsidies", "services", "notices"):
        for slug in item_slugs(example_site, folder):
            meta = yaml.safe_load((example_site.root / "data" / folder / f"{slug}.yaml").read_text())
            page = html(example_site, f"{folder}/{slug}/index.html")
            cell = re.search(r'<td data-label="发布日期"><span class="gk-nowrap">(.*?)</span>', page)
            assert cell, (folder, slug)
            assert cell.group(1) == meta["published"].isoformat(), (folder, slug)


def test_identity_left_out_when_unset_and_ld_json_cannot_close_its_script(minimal):
    minimal.replace("data/notices/gonggao.yaml", "title:", "summary: 文中有 </script> 字样\ntitle:")
    build(minimal.root, AS_OF)
    page = (minimal.root / "build/site/notices/gonggao/index.html").read_text(encoding="utf-8")
    assert "\\u003c/script\\u003e" in page      # "<", ">" and "&" escaped (issue 18)
    assert jsonld(page)["text"] == "文中有 </script> 字样"
    footer = page[page.index('class="md-copyright gk-footer"'):]
    for label in ("主办单位", "网站标识码", "ICP", "公网安备"):
        assert label not in footer
    assert "构建于" in footer


def test_service_guide_without_optional_sections_numbers_from_one(minimal):
    build(minimal.root, AS_OF)
    guide = next((minimal.root / "data/services").glob("*.yaml")).stem
    page = (minimal.root / "build/site/services" / guide / "index.html").read_text("utf-8")
    headings = re.findall(r"<h2[^>]*>([一二三四五六七八九十])、", page)
    assert headings and headings == list("一二三四五六七八九十"[: len(headings)]), headings
    sheet = (minimal.root / "build/site/print/service" / guide / "index.html").read_text("utf-8")
    numbers = re.findall(r"<h2>([一二三四五六七八九十])、", sheet)
    assert numbers == list("一二三四五六七八九十"[: len(numbers)]), numbers
