"""Standalone HTML pages: one file with everything inline (styles, script, the image as a data URI).

The page works offline and names no external address. Each marker or cell carries ``data-i``, the
index of its entry in the inline data: hovering shows the entry's information, clicking lists its
members (residents, employees) in the side panel. The data is already masked for the operator who
rendered the page; the script builds the page with ``textContent`` only, never parsing data as HTML.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Mapping, Sequence
from typing import Any

STYLE = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;
margin:16px;color:#212121;background:#fff}
h1{font-size:20px;margin:0 0 12px}
.layout{display:flex;gap:16px;align-items:flex-start}
.map{position:relative;flex:none;border:1px solid #757575}
.map img{display:block}
.marker{position:absolute;box-sizing:border-box;cursor:pointer;border:1px solid #fff}
.marker.rect,.marker.square{border-color:#37474f}
.marker.circle{border-radius:50%}
.marker.star{clip-path:polygon(50% 0,61% 35%,98% 35%,68% 57%,79% 91%,50% 70%,21% 91%,32% 57%,2% 35%,39% 35%)}
.marker.diamond{clip-path:polygon(50% 0,100% 50%,50% 100%,0 50%)}
.marker.selected,.cell.selected{outline:3px solid #ffd600;outline-offset:1px}
.label{position:absolute;font-size:12px;white-space:nowrap;transform:translateX(-50%);
text-shadow:0 0 2px #fff,0 0 2px #fff;pointer-events:none}
aside{min-width:280px;max-width:520px}
.legend div{display:flex;align-items:center;gap:8px;margin:4px 0}
.swatch{display:inline-block;width:16px;height:16px;border:1px solid #757575;position:static}
table{border-collapse:collapse;font-size:13px}
td,th{border:1px solid #bdbdbd;padding:2px 6px;text-align:left}
.tip{position:fixed;z-index:10;background:#fffde7;border:1px solid #9e9e9e;padding:6px 8px;font-size:13px;
pointer-events:none;box-shadow:0 2px 6px rgba(0,0,0,.2)}
.muted{color:#757575;font-size:13px}
.grid{margin:0 0 16px}
.grid td.cell{width:54px;height:30px;font-size:12px;text-align:center;cursor:pointer;padding:1px}
.grid th{background:#eeeeee;text-align:center}
.marks{display:block;font-size:11px;color:#b71c1c}
"""

SCRIPT = """
(function(){
const data = JSON.parse(document.getElementById('map-data').textContent);
const tip = document.getElementById('tip');
const panel = document.getElementById('details');
function table(rows, columns){
  const t = document.createElement('table');
  const head = t.insertRow();
  columns.forEach(function(c){const th=document.createElement('th');th.textContent=c;head.appendChild(th);});
  rows.forEach(function(r){const tr=t.insertRow();columns.forEach(function(c){
    const v=r[c];tr.insertCell().textContent=(v===null||v===undefined)?'':String(v);});});
  return t;
}
function infoTable(entry){
  const t = document.createElement('table');
  Object.keys(entry.info).forEach(function(k){const tr=t.insertRow();
    tr.insertCell().textContent=k;tr.insertCell().textContent=String(entry.info[k]);});
  return t;
}
document.querySelectorAll('[data-i]').forEach(function(el){
  const entry = data.items[Number(el.getAttribute('data-i'))];
  el.addEventListener('mousemove', function(ev){
    tip.replaceChildren();
    const h=document.createElement('strong');h.textContent=entry.title;tip.appendChild(h);
    tip.appendChild(infoTable(entry));
    tip.hidden=false;tip.style.left=(ev.clientX+14)+'px';tip.style.top=(ev.clientY+14)+'px';
  });
  el.addEventListener('mouseleave', function(){tip.hidden=true;});
  el.addEventListener('click', function(){
    document.querySelectorAll('.selected').forEach(function(s){s.classList.remove('selected');});
    el.classList.add('selected');
    panel.replaceChildren();
    const h=document.createElement('h2');h.textContent=entry.title;panel.appendChild(h);
    panel.appendChild(infoTable(entry));
    if(entry.link){const a=document.createElement('a');a.href=entry.link;a.textContent='打开'+entry.title+'的地图';
      const p=document.createElement('p');p.appendChild(a);panel.appendChild(p);}
    if(entry.members===null){
      if(data.membersNote){const p=document.createElement('p');p.className='muted';p.textContent=data.membersNote;
        panel.appendChild(p);}
      return;
    }
    const m=document.createElement('h3');m.textContent=data.membersTitle+' ('+entry.members.length+')';
    panel.appendChild(m);
    if(entry.members.length){panel.appendChild(table(entry.members, data.memberColumns));}
  });
});
})();
"""


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">`` (no ``</script>`` can end it)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028")):
        text = text.replace(char, escaped)
    return text.replace("\u2029", "\\u2029")


def entry(
    title: str,
    info: Mapping[str, Any],
    members: Sequence[Mapping[str, Any]] | None,
    link: str | None = None,
) -> dict[str, Any]:
    """One hover/click entry of the inline data."""
    found: dict[str, Any] = {
        "title": title,
        "info": dict(info),
        "members": None if members is None else [dict(m) for m in members],
    }
    if link:
        found["link"] = link
    return found


def page(
    *,
    title: str,
    body: str,
    side: str,
    items: Sequence[Mapping[str, Any]],
    member_columns: Sequence[str],
    members_title: str = "居民 / 从业人员",
    members_note: str = "",
) -> str:
    """The whole document: ``body`` (already escaped HTML) beside ``side``, then the data and the script."""
    data = {
        "items": list(items),
        "memberColumns": list(member_columns),
        "membersTitle": members_title,
        "membersNote": members_note,
    }
    return (
        '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head>\n<body>"
        f"<h1>{html.escape(title)}</h1>\n"
        f'<div class="layout"><div>{body}</div><aside>{side}<div id="details"></div></aside></div>\n'
        '<div id="tip" class="tip" hidden></div>\n'
        f'<script type="application/json" id="map-data">{script_json(data)}</script>\n'
        f"<script>{SCRIPT}</script>\n</body></html>\n"
    )


def style_attribute(**values: str | int) -> str:
    """``left:12px;top:8px;...`` for a style attribute (numbers become pixels)."""
    parts = [
        f"{name.replace('_', '-')}:{value}px" if isinstance(value, int) else f"{name}:{value}"
        for name, value in values.items()
    ]
    return html.escape(";".join(parts), quote=True)
