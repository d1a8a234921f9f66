#!/usr/bin/python3
"""Typeset the test PDFs (A5) of source/testdata/pdf with reportlab.

Run from this directory with Debian's python3-reportlab:

    /usr/bin/python3 make.py

Chinese is set in reportlab's built-in CID font STSong-Light (not
embedded, as many office PDFs are: a reader needs poppler-data), English
in Helvetica. The layout engine here is deliberately small: columns
filled top to bottom, first-line indents, titles that wrap, a title over
all columns at the top of a page, a running head and page numbers. The
bulletins without credit lines get their gold from what was typeset.
"""
import sys
from reportlab.lib.pagesizes import A5
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.lib.utils import ImageReader

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))

W, H = A5
MARGIN = 40
TOP = 70
BOTTOM = H - 60
GUTTER = 20


def width(text, font, size):
    return pdfmetrics.stringWidth(text, font, size)


def wrap_zh(text, font, size, avail, indent):
    lines, cur, first = [], "", True
    for ch in text:
        room = avail - (indent if first else 0)
        if width(cur + ch, font, size) > room and cur:
            # A closing mark never starts a line.
            if ch in "，。、；：！？,”’）》":
                cur += ch
                ch = ""
            lines.append((cur, indent if first else 0))
            cur, first = ch, False
        else:
            cur += ch
    if cur:
        lines.append((cur, indent if first else 0))
    return lines


def wrap_en(text, font, size, avail, indent):
    lines, cur, first = [], "", True
    for word in text.split():
        room = avail - (indent if first else 0)
        trial = (cur + " " + word).strip()
        if width(trial, font, size) <= room:
            cur = trial
            continue
        # Hyphenate a long word: as much as fits, at least 3 letters each side.
        if len(word) >= 7 and word.isalpha():
            for cut in range(len(word) - 3, 2, -1):
                head = (cur + " " + word[:cut] + "-").strip()
                if width(head, font, size) <= room:
                    lines.append((head, indent if first else 0))
                    first = False
                    cur = word[cut:]
                    break
            else:
                lines.append((cur, indent if first else 0))
                first, cur = False, word
            continue
        lines.append((cur, indent if first else 0))
        first, cur = False, word
    if cur:
        lines.append((cur, indent if first else 0))
    return lines


class Doc:
    def __init__(self, path, cols, font, head, pagenum, lang="zh"):
        self.c = canvas.Canvas(path, pagesize=A5, invariant=1)
        self.c.setTitle(head)
        self.cols, self.font, self.head, self.pagenum, self.lang = cols, font, head, pagenum, lang
        self.body_font = font
        self.colw = (W - 2 * MARGIN - (cols - 1) * GUTTER) / cols
        self.page = 0
        self.new_page()

    def new_page(self):
        if self.page:
            self.c.showPage()
        self.page += 1
        self.c.setFont(self.font, 8)
        self.c.drawString(MARGIN, H - 36, self.head)
        self.c.drawRightString(W - MARGIN, 28, self.pagenum % self.page)
        self.col, self.y, self.top = 0, TOP, TOP

    def x(self):
        return MARGIN + self.col * (self.colw + GUTTER)

    def advance(self, lead, keep=0):
        if self.y + lead + keep > BOTTOM:
            self.col += 1
            self.y = self.top
            if self.col == self.cols:
                self.new_page()

    def line(self, text, size, indent=0, lead=None):
        lead = lead or size * 1.6
        self.advance(lead)
        self.c.setFont(self.font, size)
        self.c.drawString(self.x() + indent, H - self.y - size, text)
        self.y += lead

    def wrap(self, text, size, indent, avail=None):
        avail = avail or self.colw
        if self.lang == "zh":
            return wrap_zh(text, self.font, size, avail, indent)
        return wrap_en(text, self.font, size, avail, indent)

    def heading(self, text, size, space_before=6):
        lines = self.wrap(text, size, 0)
        self.advance(space_before + size * 1.6, keep=size * 1.6 * (len(lines) - 1) + 40)
        if self.y > self.top:
            self.y += space_before
        for t, _ in lines:
            self.line(t, size)

    def span_title(self, text, size):
        """A title over all columns, at the top of the page."""
        assert self.col == 0 and self.y == self.top
        self.c.setFont(self.font, size)
        self.c.drawString(MARGIN, H - self.y - size, text)
        self.y += size * 2
        self.top = self.y

    def para(self, text, size=10):
        indent = 2 * size if self.lang == "zh" else size * 1.2
        for t, ind in self.wrap(text, size, indent):
            self.line(t, size, ind)
        self.y += 2

    def article(self, heads, credit, paras, span=False, sign=None):
        for i, (text, size) in enumerate(heads):
            if span and i == 0:
                self.span_title(text, size)
            else:
                self.heading(text, size, space_before=10 if i == 0 else 2)
        if credit:
            self.line(credit, 9)
        font = self.font
        self.font = self.body_font
        for p in paras:
            self.para(p)
        # A signature under the text: its lines as printed, not indented.
        for t in sign or []:
            self.line(t, 10)
        self.font = font

    def save(self):
        self.c.save()


ZH = [
    ([("新苑街道开展春季植树活动", 14), ("千余名居民共植树苗三千株", 10.5)], "通讯员 林晓雯",
     ["三月十二日上午,新苑街道在滨河公园举办春季义务植树活动,辖区居民、驻区单位职工和志愿者一千余人参加,共栽种银杏、国槐、海棠等树苗三千余株,为城市增添了一抹新绿。",
      "活动现场,大家分工协作,挥锹铲土、扶苗培土、提水浇灌,干得热火朝天。不少家长带着孩子一同参加,在劳动中向孩子讲解树木的生长知识,引导孩子从小树立爱绿护绿的意识。一位参加活动的居民说,每年春天来这里种树已经成了全家的习惯,看着几年前种下的小树苗长成了大树,心里特别有成就感。",
      "街道有关负责人介绍,近年来新苑街道持续推进绿化提升工程,累计新增绿地面积十二万平方米,建成口袋公园九处,居民出门五百米见绿的目标已经基本实现。下一步,街道将继续完善公园配套设施,组织开展认养绿地、护绿巡查等活动,让居民共享生态建设成果。"]),
    ([("社区食堂让老人吃上放心饭", 14)], "记者 周明远",
     ["走进新苑街道幸福里社区食堂,饭菜的香味扑面而来。十一点刚过,前来就餐的老人们陆续落座,两荤两素一汤,老年人每餐只需十二元,八十岁以上老人还可以享受优惠。",
      "社区食堂自去年开业以来,每天为周边三百多名老人提供午餐和晚餐,对行动不便的独居老人还提供送餐上门服务。食堂的菜单每周更新一次,由营养师根据老年人的饮食特点搭配,少油少盐,软烂适口。",
      "为了让老人吃得放心,食堂后厨安装了监控设备,就餐区的大屏幕实时播放后厨画面,食材采购、加工、留样等环节全部公开。社区还邀请老人代表组成监督小组,定期查看食材台账,收集大家对饭菜的意见和建议。"]),
    ([("文化惠民", 10), ("新苑社区图书馆延长开放时间方便居民夜间阅读", 14)], "通讯员 王思源 摄影 陈立",
     ["为满足居民日益增长的阅读需求,新苑社区图书馆自四月一日起将开放时间延长至每晚九点,周末和节假日照常开放。",
      "图书馆现有藏书两万余册,设有少儿阅读区、老年阅读区和自习区,并开通了与区图书馆的通借通还服务。延长开放时间后,不少上班族下班后也能到图书馆看书学习,自习区的座位常常座无虚席。",
      "图书馆还将每月举办读书分享会、亲子绘本阅读和非遗手工体验等活动,丰富居民的精神文化生活。"]),
]

EN = [
    ([("Volunteers restore the old riverside footpath", 14)], "By Margaret Hollings",
     ["More than forty volunteers spent the last two Saturdays of March restoring the riverside footpath between Mill Lane and the old stone bridge, which had become almost impassable after the winter floods.",
      "Working alongside the council's countryside rangers, the volunteers cleared fallen branches, rebuilt collapsed drainage channels and laid fresh gravel along nearly half a mile of the path. Several local businesses donated refreshments, tools and transport for the heavier materials.",
      "The parish council has thanked everyone who took part and hopes to organise another working party in the autumn, when the hedgerows along the northern stretch will need attention. Anyone interested in joining should contact the parish office."]),
    ([("Spring concert raises funds for church restoration", 14)], "By Thomas Whitfield",
     ["The spring concert held in St Mary's Church on the evening of the sixteenth raised a remarkable sum towards the restoration of the bell tower, whose timber frame was found last year to be suffering from extensive rot.",
      "The programme included choral music by the combined parish choirs, a string quartet from the county music school and several unaccompanied pieces performed by the children of the primary school. The audience filled every pew, and extra chairs had to be brought in from the church hall.",
      "The restoration committee explained that the remaining work will be carried out during the summer months, and that the bells will be rung again in time for the harvest festival."]),
    ([("Library opening hours extended for working families", 14)], "Story and photos by Ellen Marsh",
     ["From the first of April the village library will stay open until eight o'clock on Tuesday and Thursday evenings, following a consultation in which residents asked for more convenient opening times.",
      "The extra hours are made possible by a new group of volunteers, who have completed their training with the county library service. The library will also host a monthly reading group and a homework club for secondary school pupils.",
      "Refurbishment of the children's corner, funded by a grant from the community foundation, is expected to be completed before the summer holidays, together with new accessible shelving throughout the building."]),
]


def zh(path, cols, span=False, title_long=False):
    d = Doc(path, cols, "STSong-Light", "新苑通讯 2024年第3期", "- %d -")
    for k, (heads, credit, paras) in enumerate(ZH):
        d.article(heads, credit, paras, span=span and k == 0)
    d.save()


def en(path):
    d = Doc(path, 2, "Helvetica", "Parish News, Spring 2024", "Page %d", lang="en")
    for heads, credit, paras in EN:
        d.article(heads, credit, paras)
    d.save()


# Bulletins that print no credit line: the typography tells the articles
# (headings set larger and bold), and a letter is signed at its end. Each
# entry: headings, paragraphs, the signature's lines, the signer's name.
NOCREDITS_EN = [
    (["Harbour wall repairs begin in May"],
     ["Work to repair the harbour wall will begin on the second of May and is expected to last six weeks, weather permitting. The slipway will stay open throughout, but the car park beside it will close on weekdays while the contractors' lorries come and go.",
      "The harbour trust has asked boat owners to move any dinghies stored against the wall before the end of April. Spaces have been set aside behind the sailing club for anyone who needs them."],
     [], None),
    (["A letter from the chair of the trust"],
     ["Thank you to everyone who came to the open meeting last month and gave us their views on the future of the harbour. We counted more than a hundred of you in the hall, and the questions went on long after the tea had gone cold.",
      "The trustees will publish a summary of what was said in the next issue, together with the plans for the summer."],
     ["With best wishes,", "Helen Carter"], "Helen Carter"),
    (["Summer regatta needs volunteers"],
     ["The regatta committee is looking for volunteers to marshal the races, run the tea tent and help with the children's crabbing competition on the last Saturday of July. No experience is needed, only a willingness to stand in the sun for a few hours."],
     [], None),
]

NOCREDITS_ZH = [
    (["滨江街道开展防汛应急演练"],
     ["六月五日上午,滨江街道组织开展防汛应急演练,街道应急队伍、社区工作者和志愿者一百余人参加。演练模拟了强降雨导致低洼小区积水的场景,检验了预警发布、人员转移、排水抢险等环节的处置能力。",
      "演练结束后,街道有关负责人对各环节进行了点评,要求各社区进一步完善应急预案,落实物资储备,确保汛期安全。"],
     [], None),
    (["致全体居民的一封信"],
     ["亲爱的居民朋友们:入汛以来,街道各社区克服困难,认真做好隐患排查和物资准备工作,在此向大家的支持和配合表示衷心的感谢。",
      "请大家关注天气预报,减少雨天外出,发现险情及时拨打社区值班电话。让我们携手同心,共同守护美好家园。"],
     ["～滨江街道办事处主任李明"], "李明"),
]


def nocredits(path, entries, lang):
    if lang == "zh":
        d = Doc(path, 2, "STSong-Light", "滨江简报 2024年第6期", "- %d -")
        heading_size = 15
    else:
        d = Doc(path, 2, "Helvetica-Bold", "Harbourside News, Summer 2024", "Page %d", lang="en")
        d.body_font = "Helvetica"
        heading_size = 13
    for heads, paras, sign, _ in entries:
        d.article([(h, heading_size) for h in heads], None, paras, sign=sign)
    d.save()


def nocredits_gold(path, entries):
    """The expected parse, from what was typeset, never from the parser."""
    import json
    arts = []
    for heads, paras, sign, name in entries:
        blocks = [{"kind": "paragraph", "text": p} for p in paras]
        if sign and len(sign) > 1:
            blocks.append({"kind": "paragraph", "text": sign[0]})
        arts.append({"section": "", "headings": heads, "title": heads[0],
                     "bylines": [{"role": "", "name": name}] if name else [],
                     "blocks": blocks})
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"articles": arts}, f, ensure_ascii=False, indent=2)
        f.write("\n")


# A parish magazine set as real ones are: a band of text turned sideways
# down the margin of every page, column banners in one face and place
# (one printed on two pages, the others once), a title in two halves, a
# prayer list whose parts are named before a colon, and a sidebar that
# lists the churchwardens. Each entry: the page's banner, then articles
# as (headings with their sizes, paragraphs, subheads before paragraphs
# by index), and the gold is written from the same entries.
MESSENGER = [
    ("From the Vicarage", [
        ([("Advent appeal:", 11), ("Water for Malawi", 15)],
         ["This Advent our appeal will help to dig two new wells in the villages of the Chikwawa district, where the nearest clean water is still an hour's walk away for most families.",
          "Envelopes are at the back of the church, and the children of the Sunday school will hold a cake stall on the first Sunday of December for the same cause."], {}),
    ]),
    ("Parish Notices", [
        ([("Prayer list", 15)],
         ["Please remember in your prayers this month the people and places below.",
          "For all who have lost their homes in the war, and for those who take them in.",
          "For everyone sleeping on the streets as the nights grow cold.",
          "For Mary, John and Peter, and all who are in hospital or at home unwell."],
         {1: "For the world: Ukraine", 2: "For our country: the homeless", 3: "For the parish: the sick"}),
    ]),
    ("Parish Notices", [
        ([("Christmas services", 15)],
         ["The crib service will be at four o'clock on Christmas Eve, and midnight mass at half past eleven. On Christmas morning there will be one service only, at ten.",
          "Mince pies and mulled wine will be served in the hall after the crib service."], {}),
    ]),
    ("Youth", [
        ([("Nativity rehearsals", 15)],
         ["Rehearsals for the nativity play will be held in the hall on the three Saturdays before Christmas, from ten until twelve. Costumes from last year are in the vestry cupboard."], {}),
    ]),
]

# The sidebar beside the appeal: names only, the publication's box.
MESSENGER_WARDENS = ("Churchwardens", "Anne Ridley Paul Osei Gwen Harper Tom Bellamy")


def messenger(path):
    d = Doc(path, 1, "Helvetica", "St Mark's Messenger, Advent 2024", "Page %d", lang="en")
    d.body_font = "Helvetica"
    for n, (banner, articles) in enumerate(MESSENGER):
        if n:
            d.new_page()
        # The band down the left margin, bottom to top, as text turned 90°.
        d.c.saveState()
        d.c.setFont("Helvetica-Bold", 14)
        d.c.translate(22, 80)
        d.c.rotate(90)
        d.c.drawString(0, 0, "ST MARK'S MESSENGER * ST MARK'S MESSENGER")
        d.c.restoreState()
        d.font = "Helvetica-Bold"
        d.line(banner, 12, lead=26)
        for heads, paras, subheads in articles:
            d.font = "Helvetica-Bold"
            for i, (text, size) in enumerate(heads):
                d.heading(text, size, space_before=10 if i == 0 else 2)
            d.font = "Helvetica"
            for k, p in enumerate(paras):
                if k in subheads:
                    d.font = "Helvetica-Bold"
                    d.heading(subheads[k], 12, space_before=6)
                    d.font = "Helvetica"
                d.para(p)
        if n == 0:
            d.font = "Helvetica-Bold"
            d.heading(MESSENGER_WARDENS[0], 15, space_before=14)
            d.font = "Helvetica"
            d.para(MESSENGER_WARDENS[1])
    d.save()


def messenger_gold(path):
    """The expected parse, from what was typeset, never from the parser."""
    import json
    arts = []
    for banner, articles in MESSENGER:
        for heads, paras, subheads in articles:
            texts = [h for h, _ in heads]
            title = " ".join(texts) if texts[0].endswith(":") else texts[0]
            blocks = []
            for k, p in enumerate(paras):
                if k in subheads:
                    blocks.append({"kind": "subhead", "text": subheads[k]})
                blocks.append({"kind": "paragraph", "text": p})
            arts.append({"section": banner, "headings": [title], "title": title,
                         "bylines": [], "blocks": blocks})
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"articles": arts}, f, ensure_ascii=False, indent=2)
        f.write("\n")


# A Chinese church weekly set as real ones are: a band at the top of
# every page in one size and place (教会动态 on three pages, 牧者的话
# once), a title broken over two sizes, a notices box under its own small
# label, a prayer list whose parts are named before a colon, a title in
# two halves, and a sidebar that lists the deacons. Each page: its band,
# then articles as (label or None, headings with sizes, paragraphs,
# subheads before paragraphs by index).
ZHOUKAN = [
    ("牧者的话", [
        (None, [("在试炼中", 18), ("学习感恩", 15.5)],
         ["新的一年开始了，回头看过去的一年，我们经历了许多的试炼，也看见了神许多的恩典。疫情过后，许多家庭重新回到教会，一同敬拜，一同服事。",
          "感恩不是在顺境中才有的功课，更是在试炼中学习的功课。愿我们在新的一年里，凡事谢恩，彼此扶持，同心兴旺福音。"], {}),
    ]),
    ("教会动态", [
        (None, [("新年感恩崇拜", 16)],
         ["一月一日上午十时在大堂举行新年感恩崇拜，崇拜后有爱筵，欢迎弟兄姊妹携带家人朋友一同参加。"], {}),
        ("家事报告", [("欢迎新朋友", 14)], ["欢迎第一次来到本堂聚会的新朋友，崇拜后请到接待处留下联络资料。"], {}),
        ("家事报告", [("诗班练习", 14)], ["诗班每周六晚上七时半在副堂练习，欢迎有负担的弟兄姊妹加入。"], {}),
        ("家事报告", [("圣诞献花", 14)], ["本主日的圣坛献花由姊妹团契感恩奉献，愿主赐福她们。"], {}),
    ]),
    ("教会动态", [
        (None, [("代祷事项", 16)],
         ["请弟兄姊妹在每日的灵修中为以下事项代祷。",
          "为战火中失去家园的人祷告，求主赐下平安。",
          "为受水灾影响的家庭祷告，求主供应他们的需要。",
          "为住院及在家休养的肢体祷告，求主医治。"],
         {1: "为普世代祷：乌克兰", 2: "为本国代祷：水灾", 3: "为本堂代祷：病患者"}),
    ]),
    ("教会动态", [
        (None, [("信心的操练：", 12), ("从但以理说起", 16)],
         ["但以理在异乡立志不玷污自己，他的信心经过试验，却更加坚定。今天我们在职场和家庭中，同样面对许多妥协的试探。",
          "让我们效法但以理，在小事上忠心，在大事上坚定，活出信仰的见证。"], {}),
    ]),
]

# The sidebar on the first page: names only, the publication's box.
ZHOUKAN_DEACONS = ("执事会", "陈道明 宋丽璇 陈和平 欧阳宗 孙雅各")


def zhoukan(path):
    d = Doc(path, 1, "STSong-Light", "恩光堂周刊 2025年1月5日", "- %d -")
    for n, (band, articles) in enumerate(ZHOUKAN):
        if n:
            d.new_page()
        else:
            # The nameplate over the cover.
            d.line("恩光堂周刊", 26, lead=44)
        d.line(band, 13, lead=28)
        labelled = False
        for label, heads, paras, subheads in articles:
            if label and not labelled:
                d.heading(label, 13, space_before=14)
                labelled = True
            for i, (text, size) in enumerate(heads):
                d.heading(text, size, space_before=10 if i == 0 else 2)
            for k, p in enumerate(paras):
                if k in subheads:
                    d.heading(subheads[k], 14, space_before=6)
                d.para(p)
        if n == 0:
            d.heading(ZHOUKAN_DEACONS[0], 14, space_before=14)
            d.para(ZHOUKAN_DEACONS[1])
    d.save()


def zhoukan_gold(path):
    """The expected parse, from what was typeset, never from the parser."""
    import json
    arts = []
    for band, articles in ZHOUKAN:
        for label, heads, paras, subheads in articles:
            title = "".join(h for h, _ in heads)
            blocks = []
            for k, p in enumerate(paras):
                if k in subheads:
                    blocks.append({"kind": "subhead", "text": subheads[k]})
                blocks.append({"kind": "paragraph", "text": p})
            arts.append({"section": label or band, "headings": [title], "title": title,
                         "bylines": [], "blocks": blocks})
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"articles": arts}, f, ensure_ascii=False, indent=2)
        f.write("\n")


def scan(path):
    c = canvas.Canvas(path, pagesize=A5, invariant=1)
    # A page that is only a picture, as a scanner makes it.
    for i in range(30):
        c.rect(MARGIN, 100 + i * 20, W - 2 * MARGIN, 8, fill=1, stroke=0)
    c.save()


def encrypted(path):
    c = canvas.Canvas(path, pagesize=A5, invariant=1, encrypt="secret")
    c.setFont("Helvetica", 12)
    c.drawString(MARGIN, H - 100, "Protected bulletin")
    c.save()


if __name__ == "__main__":
    zh("xinyuan-2024-03-1col.pdf", 1)
    zh("xinyuan-2024-03-2col.pdf", 2, span=True)
    zh("xinyuan-2024-03-3col.pdf", 3)
    en("parish-2024-spring.pdf")
    nocredits("harbourside-2024-summer-nocredits.pdf", NOCREDITS_EN, "en")
    nocredits_gold("harbourside-2024-summer-nocredits.gold.json", NOCREDITS_EN)
    nocredits("binjiang-jianbao-2024-06.pdf", NOCREDITS_ZH, "zh")
    nocredits_gold("binjiang-jianbao-2024-06.gold.json", NOCREDITS_ZH)
    messenger("stmarks-messenger-2024-advent.pdf")
    messenger_gold("stmarks-messenger-2024-advent.gold.json")
    zhoukan("enguang-zhoukan-2025-01-05.pdf")
    zhoukan_gold("enguang-zhoukan-2025-01-05.gold.json")
    scan("scan.pdf")
    encrypted("encrypted.pdf")
