package feed_test

import (
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// The fixture is a Chinese district bulletin with two issues, taken from the
// reference issue and shortened, plus an English column, so every feed
// carries both scripts. One paragraph holds a \x0b and one title a \x01,
// as PDF extraction leaves them, to prove they are removed.

var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// fixtureNow is the injected clock: after both issues.
var fixtureNow = time.Date(2023, 5, 2, 9, 30, 0, 0, time.UTC)

const (
	secXin  = "新时代新征程新伟业 以新担当新作为推动高质量发展"
	secShi  = "十项行动 奋进新征程"
	secComm = "Community"
)

func fixturePublication() *bulletinfeed.Publication {
	return &bulletinfeed.Publication{
		ID:             "hexi",
		Title:          "河西报道",
		Lang:           "zh-CN",
		TimeZone:       "Asia/Shanghai",
		DefaultSection: "要闻",
	}
}

func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, shanghai).UTC()
}

func para(text string) bulletinfeed.Block {
	return bulletinfeed.Block{Kind: bulletinfeed.Paragraph, Text: text}
}

func subhead(text string) bulletinfeed.Block {
	return bulletinfeed.Block{Kind: bulletinfeed.Subhead, Text: text}
}

func by(role, name string) bulletinfeed.Byline { return bulletinfeed.Byline{Role: role, Name: name} }

// fixtureIssues returns the two issues, newest first, as the store returns
// them: ids, slugs, positions and dates set.
func fixtureIssues() []*bulletinfeed.Issue {
	apr := &bulletinfeed.Issue{
		Key: "2023-04", Title: "河西报道 2023年第4期", Date: date(2023, 4, 1), PublicationID: "hexi",
		Articles: []*bulletinfeed.Article{
			{
				ID: "a1b2c3d4", Section: "", SectionSlug: "yaowen",
				Headings: []string{"河西区委常委会扩大会议暨十项行动工作推动会议召开", "扎实推动实施方案落地落实见行见效"},
				Title:    "河西区委常委会扩大会议暨十项行动工作推动会议召开",
				Bylines:  []bulletinfeed.Byline{by("通讯员", "赵钰真")},
				Blocks: []bulletinfeed.Block{
					para("日前,区委常委会扩大会议暨十项行动工作推动会议召开,全面贯彻党的二十大精神,紧扣中央决策部署和市委、市政府“十项行动”,科学研判、统筹协调、系统推进,扎实推动河西“1+10”实施方案落地落实、见行见效。"),
					para("会议指出,今年以来,全区上下认真贯彻落实中央精神和市委部署要求,\x0b锚定建设经济强区、打造品质之城目标任务,以只争朝夕的精神状态,在巩固中提升、在创新发展中,一刻也不耽误推进各项行动有序开展。"),
				},
			},
			{
				ID: "e5f6a7b8", Section: "", SectionSlug: "yaowen",
				Headings: []string{"水清岸绿河畅景美", "河西区持续改善区域水环境质量"},
				Title:    "河西区持续改善区域水环境质量",
				Bylines:  []bulletinfeed.Byline{by("通讯员", "许浩然")},
				Blocks: []bulletinfeed.Block{
					para("水清、岸绿、河畅、景美。近年来,河西区坚持以习近平新时代中国特色社会主义思想为指导,在河湖治理和水生态保护中积极践行新发展理念,区域水环境质量持续改善。"),
					para("河西区坚持综合施策,推进水环境治理见实效。全年各项河湖清理整治共出动3420人次,清理堤岸垃圾3552处、水面漂浮物1472处。"),
				},
			},
			{
				ID: "c9d0e1f2", Section: secXin, SectionSlug: "xinshidai",
				Headings: []string{"打造消费盛宴", "天津梅江环宇城开业在即"},
				Title:    "天津梅江环宇城开业在即",
				Bylines:  []bulletinfeed.Byline{by("通讯员", "张媛芮"), by("摄影", "冯荔")},
				Blocks: []bulletinfeed.Block{
					para("天津梅江环宇城是河西区促消费活力行动中的重点项目,其建设备受关注,开业在即,近日,本刊走进现场,一探究竟。"),
					subhead("打造城市商业新地标"),
					para("项目总建筑面积约25万平方米,集购物、餐饮、娱乐于一体。"),
				},
			},
			{
				ID: "a3b4c5d6", Section: secShi, SectionSlug: "shixiang",
				Headings: []string{"政企联手 合作共赢", "河西与中信银行天津分行签订战略框架协议"},
				Title:    "河西与中信银行天津分行签订战略框架协议",
				Bylines:  []bulletinfeed.Byline{by("通讯员", "张媛芮")},
				Blocks: []bulletinfeed.Block{
					para("近日,河西区与中信银行天津分行签订战略合作框架协议。根据协议,双方将在重点项目建设、产业转型升级、普惠金融等领域开展全方位合作。"),
				},
			},
			{
				ID: "f7e8d9c0", Section: secComm, SectionSlug: "community",
				Headings: []string{"Parks & Gardens", "Riverside <Park> reopens\x01 after flood repairs", "Volunteers planted 56 trees"},
				Title:    "Riverside <Park> reopens\x01 after flood repairs",
				Bylines:  []bulletinfeed.Byline{by("By", "Jane Doe"), by("Photos by", "Tom O'Neill")},
				Blocks: []bulletinfeed.Block{
					para("Riverside Park opened again on Saturday, six months after the autumn floods washed out its paths. The council spent £1.2m on the repairs. Residents were asked to keep to the marked trails while the new turf settles."),
					subhead("What changed"),
					para("The playground now sits on higher ground, and the café has moved next to the bandstand."),
				},
			},
		},
	}
	mar := &bulletinfeed.Issue{
		Key: "2023-03", Title: "", Date: date(2023, 3, 1), PublicationID: "hexi",
		Articles: []*bulletinfeed.Article{
			{
				ID: "b1c2d3e4", Section: "", SectionSlug: "yaowen",
				Headings: []string{"区委全面依法治区委员会办公室主任(扩大)会议召开"},
				Title:    "区委全面依法治区委员会办公室主任(扩大)会议召开",
				Bylines:  []bulletinfeed.Byline{by("通讯员", "岳志欣")},
				Blocks: []bulletinfeed.Block{
					para("日前,河西区委全面依法治区委员会办公室主任(扩大)会议暨法治政府建设示范创建工作动员部署会议召开,深入学习贯彻习近平法治思想。"),
				},
			},
			{
				ID: "d5e6f7a8", Section: secXin, SectionSlug: "xinshidai",
				Headings: []string{"踔厉奋发 只争朝夕", "河西制定商务区“施工图”"},
				Title:    "河西制定商务区“施工图”",
				Bylines:  []bulletinfeed.Byline{by("通讯员", "张媛芮")},
				Blocks: []bulletinfeed.Block{
					para("为推动商务区高质量发展,河西区制定了商务区建设“施工图”。"),
					subhead("聚焦主导产业"),
					para("围绕金融、设计、航运服务等产业,河西区加快招商引资。"),
				},
			},
			{
				ID: "c7d8e9f0", Section: secComm, SectionSlug: "community",
				Headings: []string{"Library hours extended for exam season"},
				Title:    "Library hours extended for exam season",
				Bylines:  []bulletinfeed.Byline{by("", "Priya Natarajan")},
				Blocks: []bulletinfeed.Block{
					para("From 1 March the central library stays open until 10 p.m. on weekdays. Study rooms can be booked at the front desk!"),
				},
			},
		},
	}
	for _, iss := range []*bulletinfeed.Issue{apr, mar} {
		for i, a := range iss.Articles {
			a.IssueKey = iss.Key
			a.Position = i
			a.Published = iss.Date
			a.Updated = iss.Date
		}
		iss.UpdatedAt = iss.Date
	}
	return []*bulletinfeed.Issue{apr, mar}
}

// revisedIssues returns the fixture after a corrected April issue: the
// first article's text and title changed, ingested on 3 April.
func revisedIssues() []*bulletinfeed.Issue {
	issues := fixtureIssues()
	a := issues[0].Articles[0]
	a.Title = "河西区委常委会扩大会议召开"
	a.Headings[0] = a.Title
	a.Blocks[1].Text = "会议指出,今年以来,全区上下认真贯彻落实中央精神和市委部署要求。"
	a.Updated = time.Date(2023, 4, 3, 10, 15, 0, 0, shanghai).UTC()
	return issues
}
