# Cuts fonts/kai.ttf from LXGW WenKai Regular (Debian fonts-lxgw-wenkai
# 1.250+repack-1): GB 2312 plus the punctuation and Latin a notice uses,
# renamed because the OFL reserves the names "LXGW" and "霞鹜" for
# unmodified fonts. Run with Debian python3-fonttools 4.38.0:
#   /usr/bin/python3 make-kai.py /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf kai.ttf
import sys
from fontTools import subset
from fontTools.ttLib import TTFont

src, dst = sys.argv[1], sys.argv[2]
cps = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            cps.update(ord(c) for c in bytes([hi, lo]).decode('gb2312'))
        except UnicodeDecodeError:
            pass
for a, b in [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2460, 0x24FF),
             (0x3000, 0x303F), (0xFF00, 0xFFEF)]:
    cps.update(range(a, b + 1))
opts = subset.Options()
opts.hinting = False
opts.layout_features = []
opts.drop_tables += ['GSUB', 'GPOS', 'GDEF', 'BASE', 'STAT', 'vhea', 'vmtx']
opts.name_IDs = ['*']
opts.name_languages = ['*']
opts.name_legacy = True
opts.notdef_outline = True
opts.recalc_bounds = True
font = TTFont(src, recalcTimestamp=False)
sub = subset.Subsetter(opts)
sub.populate(unicodes=sorted(cps))
sub.subset(font)
names = {1: 'Bulletin WenKai GB', 3: 'Bulletin WenKai GB Regular; subset of LXGW WenKai 1.250',
         4: 'Bulletin WenKai GB', 6: 'BulletinWenKaiGB-Regular', 16: 'Bulletin WenKai GB', 17: 'Regular'}
table = font['name']
for rec in list(table.names):
    if rec.nameID in names or rec.nameID in (18, 21, 22):
        table.removeNames(nameID=rec.nameID, platformID=rec.platformID, platEncID=rec.platEncID, langID=rec.langID)
for nid, s in names.items():
    table.setName(s, nid, 3, 1, 0x409)
    table.setName(s, nid, 1, 0, 0)
font.save(dst, reorderTables=True)
