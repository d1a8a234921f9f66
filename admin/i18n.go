package admin

import (
	"net/http"

	"golang.org/x/text/language"
)

// The console speaks English and Chinese, chosen by the browser's
// Accept-Language; English when it asks for neither.
var (
	languages = []language.Tag{language.English, language.Chinese}
	matcher   = language.NewMatcher(languages)
)

// langOf returns "en" or "zh" for the request.
func langOf(r *http.Request) string {
	tags, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err != nil || len(tags) == 0 {
		return "en"
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No || i == 0 {
		return "en"
	}
	return "zh"
}

// message returns the text of key in lang, or in English when lang
// lacks it, or the key itself, which a test looks for.
func message(lang, key string) string {
	if m, ok := messages[lang][key]; ok {
		return m
	}
	if m, ok := messages["en"][key]; ok {
		return m
	}
	return key
}

// messages are the console's words, by language and key.
var messages = map[string]map[string]string{
	"en": {
		"console":           "Editors' console",
		"nav.home":          "Publications",
		"nav.audit":         "Audit log",
		"nav.logout":        "Sign out",
		"login.title":       "Sign in",
		"login.username":    "User name",
		"login.password":    "Password",
		"login.submit":      "Sign in",
		"login.wrong":       "Wrong user name or password.",
		"login.limited":     "Too many failed attempts. Wait a few minutes and try again.",
		"home.title":        "Publications",
		"home.none":         "No publication has been given to you yet: ask an administrator.",
		"issues.upload":     "Upload an issue",
		"issues.file":       "Issue file, text or PDF, of at most",
		"issues.send":       "Upload and preview",
		"issues.uploads":    "Uploaded, not yet published",
		"issues.scheduled":  "Scheduled",
		"issues.published":  "Published",
		"issues.failed":     "Refused by the inbox (in its failed/ folder)",
		"col.reason":        "Why",
		"issues.search":     "Search by key or title",
		"issues.find":       "Search",
		"issues.none":       "No issues.",
		"issues.total":      "issues",
		"col.key":           "Key",
		"col.title":         "Title",
		"col.date":          "Date",
		"col.articles":      "Articles",
		"col.file":          "File",
		"col.publishat":     "Publish at",
		"col.by":            "By",
		"col.at":            "When",
		"col.user":          "User",
		"col.action":        "Action",
		"col.publication":   "Publication",
		"col.issue":         "Issue",
		"col.detail":        "Detail",
		"delete":            "Delete",
		"open":              "Open",
		"prev":              "Newer",
		"next":              "Older",
		"done.published":    "Published:",
		"done.scheduled":    "Scheduled:",
		"done.deleted":      "Deleted:",
		"done.discarded":    "Discarded:",
		"done.corrected":    "Corrected. The correction is kept with the issue: storing its file again does not undo it.",
		"correct.help":      "Correct an article's title or move it to another section. Each correction is stored as a revision of the issue (the article keeps its address) and made again to every later file of the issue.",
		"correct.title":     "Title",
		"correct.save":      "Save the correction",
		"correct.text":      "Text",
		"correct.corrected": "corrected by an editor",
		"undone.title":      "Corrections a newer file undid",
		"undone.help":       "A newer file of this issue arrived after these corrections and gave their articles other titles, so they no longer apply. Make each again on the new file, or forget it.",
		"undone.again":      "Make it again",
		"undone.forget":     "Forget it",
		"undone.remove":     "Removal of the article:",
		"remove.confirm":    "This is no article (a box, an advertisement): take it out of the issue",
		"remove.button":     "Remove",
		"preview.title":     "Preview",
		"preview.key":       "Issue key",
		"preview.date":      "Date",
		"preview.file":      "File",
		"preview.uploaded":  "Uploaded by",
		"preview.missing":   "Configured sections this issue never prints:",
		"preview.articles":  "Articles",
		"preview.section":   "Section",
		"preview.general":   "(general)",
		"preview.bylines":   "Credits",
		"publish.now":       "Publish now",
		"publish.at":        "Publish at (date and time in",
		"publish.schedule":  "Schedule",
		"publish.discard":   "Discard this upload",
		"schedule.past":     "That time is in the past: the issue would be published at once. Choose a later time, or publish now.",
		"schedule.empty":    "Choose a date and time to schedule the issue.",
		"schedule.bad":      "That is not a date and time.",
		"delete.title":      "Delete an issue",
		"delete.confirm":    "Delete this issue and its articles from every feed and page? Their addresses will answer 410 Gone. This cannot be undone.",
		"delete.yes":        "Yes, delete it",
		"delete.no":         "Cancel",
		"audit.title":       "Audit log",
		"audit.none":        "Nothing yet.",
		"error.title":       "Error",
		"error.back":        "Back to the console",
	},
	"zh": {
		"console":           "编辑后台",
		"nav.home":          "刊物",
		"nav.audit":         "操作记录",
		"nav.logout":        "退出",
		"login.title":       "登录",
		"login.username":    "用户名",
		"login.password":    "密码",
		"login.submit":      "登录",
		"login.wrong":       "用户名或密码错误。",
		"login.limited":     "失败次数过多，请稍候几分钟再试。",
		"home.title":        "刊物",
		"home.none":         "尚未给您分配刊物，请联系管理员。",
		"issues.upload":     "上传一期",
		"issues.file":       "期刊文件（文本或 PDF），最大",
		"issues.send":       "上传并预览",
		"issues.uploads":    "已上传，未发布",
		"issues.scheduled":  "定时发布",
		"issues.published":  "已发布",
		"issues.failed":     "收件夹未能发布的文件（failed/ 文件夹）",
		"col.reason":        "原因",
		"issues.search":     "按期号或标题搜索",
		"issues.find":       "搜索",
		"issues.none":       "没有期刊。",
		"issues.total":      "期",
		"col.key":           "期号",
		"col.title":         "标题",
		"col.date":          "日期",
		"col.articles":      "文章数",
		"col.file":          "文件",
		"col.publishat":     "发布时间",
		"col.by":            "上传者",
		"col.at":            "时间",
		"col.user":          "用户",
		"col.action":        "操作",
		"col.publication":   "刊物",
		"col.issue":         "期",
		"col.detail":        "详情",
		"delete":            "删除",
		"open":              "打开",
		"prev":              "较新",
		"next":              "较旧",
		"done.published":    "已发布：",
		"done.scheduled":    "已定时：",
		"done.deleted":      "已删除：",
		"done.discarded":    "已丢弃：",
		"done.corrected":    "已更正。更正随本期保存：再次导入同一文件不会撤销。",
		"correct.help":      "更正文章标题，或移到其他栏目。每次更正都作为本期的修订保存（文章地址不变），并应用于本期以后的每个文件。",
		"correct.title":     "标题",
		"correct.save":      "保存更正",
		"correct.text":      "正文",
		"correct.corrected": "已由编辑更正",
		"undone.title":      "被新文件覆盖的更正",
		"undone.help":       "这些更正之后，本期又来了新文件，文章标题已不同，更正不再生效。可在新文件上重新更正，或忘掉它。",
		"undone.again":      "重新更正",
		"undone.forget":     "忘掉",
		"undone.remove":     "删除文章：",
		"remove.confirm":    "这不是文章（栏框、广告）：从本期移除",
		"remove.button":     "移除",
		"preview.title":     "预览",
		"preview.key":       "期号",
		"preview.date":      "日期",
		"preview.file":      "文件",
		"preview.uploaded":  "上传者",
		"preview.missing":   "配置中有、本期未出现的栏目：",
		"preview.articles":  "文章",
		"preview.section":   "栏目",
		"preview.general":   "（综合）",
		"preview.bylines":   "署名",
		"publish.now":       "立即发布",
		"publish.at":        "发布时间（日期和时间，时区",
		"publish.schedule":  "定时发布",
		"publish.discard":   "丢弃此上传",
		"schedule.past":     "该时间已过去，本期会立即发布。请选择更晚的时间，或立即发布。",
		"schedule.empty":    "请选择定时发布的日期和时间。",
		"schedule.bad":      "这不是有效的日期和时间。",
		"delete.title":      "删除一期",
		"delete.confirm":    "从所有订阅源和页面删除本期及其文章？其地址将返回 410 Gone。此操作无法撤销。",
		"delete.yes":        "确定删除",
		"delete.no":         "取消",
		"audit.title":       "操作记录",
		"audit.none":        "暂无记录。",
		"error.title":       "错误",
		"error.back":        "返回后台",
	},
}
