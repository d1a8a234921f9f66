package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "banners":
		for _, b := range banners {
			fmt.Println(b)
		}
	case "gen":
		err = runGen(os.Args[2:])
	case "wait":
		err = runWait(os.Args[2:])
	case "urls":
		err = runURLs(os.Args[2:])
	case "load":
		err = runLoad(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, `usage: scale banners
       scale gen -n N -out DIR [-prefix P] [-last YYYY-MM-DD]
       scale wait -url URL [-title T] [-since MS] [-timeout D] [-pid PID]
       scale urls -base URL -prefix P -n N [-sample K] -out FILE
       scale load (-url URL | -base URL -paths FILE) [-conns C] [-duration D] [-gzip]`)
	os.Exit(2)
}

// ---- gen ----

// banners are the twenty sections of the bulletin, as printed.
var banners = []string{
	"党建引领 凝心聚力",
	"经济发展 提质增效",
	"城市更新 品质提升",
	"民生实事 温暖人心",
	"幸福养老 温暖夕阳",
	"文明创建 人人参与",
	"平安建设 守护万家",
	"生态环保 绿色家园",
	"营商环境 优化服务",
	"科技创新 赋能发展",
	"教育之窗 立德树人",
	"健康卫生 守护生命",
	"文化生活 丰富多彩",
	"社区治理 共建共享",
	"法治建设 依法治理",
	"志愿服务 爱心传递",
	"青春风采 奋斗有我",
	"巾帼风采 半边天",
	"乡村振兴 城乡融合",
	"政策解读 权威发布",
}

var places = []string{
	"新苑街道", "枫林社区", "河西区", "友谊路街道", "柳林社区", "桃园街道", "尖山街道", "越秀路街道",
	"陈塘庄街道", "东海街道", "梅江街道", "天塔街道", "马场街道", "挂甲寺街道", "下瓦房街道", "大营门街道",
	"宁东社区", "紫金山路社区", "平山道社区", "永安里社区", "富裕广场社区", "解放南路社区", "环湖社区", "南楼社区",
}

// series are recurring events; a title names one with an edition number.
var series = []string{
	"邻里课堂", "百姓宣讲", "党员先锋岗", "周末公益集市", "健康大讲堂", "法律明白人讲座", "银龄互助", "书香社区",
	"红色观影", "楼门议事会", "安全隐患排查", "垃圾分类宣传", "文明餐桌行动", "便民服务日", "网格员走访", "青年夜校",
	"政策进万家", "家门口就业", "四点半课堂", "消防演练",
}

var verbs = []string{"开讲", "举行", "启动", "开展", "走进社区", "圆满落幕", "持续推进", "如期举办"}

var surnames = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文")
var givenChars = []rune("佳怡雨晴明浩然钰真媛芮荔敏志欣子涵思远宇轩梓萱欣怡俊杰文博嘉懿一诺雅静晨阳若曦天佑书瑶泽宇可馨")

// sentences of the body; %s is a place, %d a number.
var sentences = []string{
	"活动现场设立了咨询点位，陈列宣传展板，工作人员向居民发放宣传材料%d余份。",
	"%s相关负责人表示，将把这项工作作为服务群众的重要抓手，持续抓进度、保质量、提效率。",
	"居民们纷纷表示，活动内容丰富多彩，家门口就能享受到便捷的服务，获得感进一步增强。",
	"据了解，%s今年已累计开展各类活动%d场次，服务群众近万人次。",
	"下一步，%s将坚持问题导向，对照任务清单逐项梳理，确保各项工作按时保质完成。",
	"志愿者们分成若干小组，逐楼逐户走访，耐心听取居民意见建议%d条，并现场解答疑问。",
	"会议要求，要压紧压实责任，抢抓工作进度，项目化、清单化推动工作任务落地落实。",
	"今年七十多岁的刘阿姨说，自从有了这项服务，生活方便了许多，心里也更踏实了。",
	"%s还邀请专业人员现场指导，用通俗易懂的语言讲解政策要点，让群众听得懂、记得住、用得上。",
	"此次活动共吸引%d余名居民参与，进一步营造了全社会共同关注、支持、参与的良好氛围。",
	"活动中，工作人员结合典型案例，详细讲解了常见问题的处理办法，提醒居民提高防范意识。",
	"%s坚持把群众的“烦心事”变成“暖心事”，以实际行动赢得群众认可。",
	"据统计，项目实施以来已完成改造任务%d项，群众满意度持续提升。",
	"大家表示，将以此次活动为契机，立足本职岗位，为建设美好家园贡献力量。",
}

func runGen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ExitOnError)
	n := fs.Int("n", 500, "number of issues to write")
	out := fs.String("out", "", "directory to write them to (created)")
	prefix := fs.String("prefix", "scale", "issue key and file name prefix")
	last := fs.String("last", "2026-06-01", "date of the last issue; each earlier one is a week before")
	fs.Parse(args)
	if *out == "" || *n <= 0 || fs.NArg() != 0 {
		return errors.New("gen: want -n N > 0 and -out DIR")
	}
	lastDay, err := time.Parse(time.DateOnly, *last)
	if err != nil {
		return fmt.Errorf("gen: -last: %w", err)
	}
	first := lastDay.AddDate(0, 0, -7*(*n-1))
	if floor := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC); first.Before(floor) {
		first = floor
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	for i := range *n {
		key := fmt.Sprintf("%s-%06d", *prefix, i+1)
		date := first.AddDate(0, 0, 7*i)
		if err := os.WriteFile(filepath.Join(*out, key+".txt"), issue(key, date, i+1), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// issue is the text of issue number num.
func issue(key string, date time.Time, num int) []byte {
	r := rand.New(rand.NewPCG(uint64(num), 0x5ca1e))
	var b bytes.Buffer
	fmt.Fprintf(&b, "Issue: %s\nDate: %s\n\n", key, date.Format(time.DateOnly))
	page := 1
	article := 0
	write := func(banner string) {
		if banner != "" {
			fmt.Fprintf(&b, "%s\n\n", banner)
		}
		place := places[r.IntN(len(places))]
		s := series[(num*7+article*3)%len(series)]
		// The issue number makes the edition, the article its series: no two
		// articles anywhere share a title.
		fmt.Fprintf(&b, "%s“%s”第%d期%s\n\n", place, s, num*10+article, verbs[r.IntN(len(verbs))])
		fmt.Fprintf(&b, "通讯员 %s", name(r))
		if r.IntN(4) == 0 {
			fmt.Fprintf(&b, " 摄影 %s", name(r))
		}
		b.WriteString("\n\n")
		fmt.Fprintf(&b, "%d月%d日，%s“%s”活动第%d期在辖区举行，这是本刊第%d期报道的第%d篇。",
			date.Month(), date.Day(), place, s, num*10+article, num, article+1)
		paragraph(&b, r, place, 1+r.IntN(3))
		for range 2 + r.IntN(4) {
			paragraph(&b, r, place, 2+r.IntN(4))
		}
		article++
		if article%3 == 0 {
			page++
			fmt.Fprintf(&b, "- %d -\n\n", page)
		}
	}
	write("")
	write("")
	for k := range 4 {
		banner := banners[(4*num+k)%len(banners)]
		write(banner)
		write("")
	}
	return b.Bytes()
}

// paragraph ends the paragraph begun in b with k sentences, no two alike.
func paragraph(b *bytes.Buffer, r *rand.Rand, place string, k int) {
	for _, i := range r.Perm(len(sentences))[:k] {
		b.WriteString(sentence(r, sentences[i], place))
	}
	b.WriteString("\n\n")
}

func sentence(r *rand.Rand, s, place string) string {
	switch {
	case strings.Contains(s, "%s") && strings.Contains(s, "%d"):
		return fmt.Sprintf(s, place, 10+r.IntN(990))
	case strings.Contains(s, "%s"):
		return fmt.Sprintf(s, place)
	case strings.Contains(s, "%d"):
		return fmt.Sprintf(s, 10+r.IntN(990))
	}
	return s
}

func name(r *rand.Rand) string {
	n := []rune{surnames[r.IntN(len(surnames))], givenChars[r.IntN(len(givenChars))]}
	if r.IntN(3) != 0 {
		n = append(n, givenChars[r.IntN(len(givenChars))])
	}
	return string(n)
}

// ---- wait ----

var client = &http.Client{
	Transport: &http.Transport{
		Proxy:               nil, // loopback only, whatever the environment says
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConnsPerHost: 64,
	},
	Timeout: 30 * time.Second,
}

type atomFeed struct {
	Entries []struct {
		Title string `xml:"title"`
		Links []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func runWait(args []string) error {
	fs := flag.NewFlagSet("wait", flag.ExitOnError)
	target := fs.String("url", "", "URL to poll")
	title := fs.String("title", "", "wait for an Atom entry with this title, then for its link")
	since := fs.Int64("since", 0, "Unix milliseconds to measure from (default: now)")
	timeout := fs.Duration("timeout", 600*time.Second, "give up after this long")
	pid := fs.Int("pid", 0, "give up when this process (the server) has exited")
	fs.Parse(args)
	u, err := url.Parse(*target)
	if *target == "" || err != nil || u.Host == "" {
		return fmt.Errorf("wait: bad -url %q", *target)
	}
	start := time.Now()
	if *since > 0 {
		start = time.UnixMilli(*since)
	}
	deadline := time.Now().Add(*timeout)
	ms := func() int64 { return time.Since(start).Milliseconds() }

	feedMS := int64(-1)
	var link string
	for {
		body, status, err := get(*target)
		if err == nil && status == http.StatusOK {
			if *title == "" {
				feedMS = ms()
				break
			}
			var f atomFeed
			if xml.Unmarshal(body, &f) == nil {
				for _, e := range f.Entries {
					if strings.TrimSpace(e.Title) != *title {
						continue
					}
					feedMS = ms()
					for _, l := range e.Links {
						if l.Rel == "" || l.Rel == "alternate" {
							link = l.Href
							break
						}
					}
					break
				}
			}
			if feedMS >= 0 {
				break
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("wait: timeout after %s (%s)", *timeout, describe(*target, status, err))
		}
		if gone(*pid) {
			return fmt.Errorf("wait: process %d exited (%s)", *pid, describe(*target, status, err))
		}
		time.Sleep(10 * time.Millisecond)
	}
	if link == "" {
		fmt.Printf("feed_ms=%d article_ms=- path=-\n", feedMS)
		return nil
	}
	lu, err := url.Parse(link)
	if err != nil {
		return fmt.Errorf("wait: entry link %q: %w", link, err)
	}
	// The link names the base URL's host; ask the server we poll.
	lu.Scheme, lu.Host = u.Scheme, u.Host
	for {
		_, status, err := get(lu.String())
		if err == nil && status == http.StatusOK {
			fmt.Printf("feed_ms=%d article_ms=%d path=%s\n", feedMS, ms(), lu.Path)
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("wait: timeout after %s (%s)", *timeout, describe(lu.String(), status, err))
		}
		if gone(*pid) {
			return fmt.Errorf("wait: process %d exited (%s)", *pid, describe(lu.String(), status, err))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// gone reports whether process pid (if not 0) has exited: it has no /proc
// entry, or is a zombie waiting for the script to reap it.
func gone(pid int) bool {
	if pid == 0 {
		return false
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	// pid (comm) state ...: the state follows the last ')'.
	i := bytes.LastIndexByte(b, ')')
	return i < 0 || i+2 >= len(b) || b[i+2] == 'Z' || b[i+2] == 'X'
}

func describe(u string, status int, err error) string {
	if err != nil {
		return fmt.Sprintf("%s: %v", u, err)
	}
	return fmt.Sprintf("%s: last status %d", u, status)
}

func get(u string) ([]byte, int, error) {
	resp, err := client.Get(u)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return body, resp.StatusCode, err
}

// ---- urls ----

var (
	articleHref = regexp.MustCompile(`href="([^"#?]*/articles/[^"#?/]+)"`)
	xmlURL      = regexp.MustCompile(`xmlUrl="([^"]+)"`)
)

func runURLs(args []string) error {
	fs := flag.NewFlagSet("urls", flag.ExitOnError)
	base := fs.String("base", "", "server base URL")
	prefix := fs.String("prefix", "scale", "issue key prefix given to gen")
	n := fs.Int("n", 0, "issues stored (keys PREFIX-000001 … PREFIX-N)")
	sample := fs.Int("sample", 300, "issue pages to read")
	out := fs.String("out", "", "file to write the article paths to")
	fs.Parse(args)
	if *base == "" || *out == "" || *n <= 0 || *sample <= 0 {
		return errors.New("urls: want -base URL, -n N > 0 and -out FILE")
	}
	b := strings.TrimRight(*base, "/")
	nums := rand.Perm(*n)[:min(*sample, *n)]
	seen := map[string]bool{}
	var paths []string
	failed := 0
	for _, i := range nums {
		body, status, err := get(fmt.Sprintf("%s/issues/%s-%06d", b, *prefix, i+1))
		if err != nil || status != http.StatusOK {
			failed++
			continue
		}
		for _, m := range articleHref.FindAllSubmatch(body, -1) {
			u, err := url.Parse(string(m[1]))
			if err != nil || seen[u.Path] {
				continue
			}
			seen[u.Path] = true
			paths = append(paths, u.Path)
		}
	}
	from := fmt.Sprintf("%d issue pages (%d failed)", len(nums), failed)
	if len(paths) == 0 {
		// No issue pages, or no article links on them: the articles the
		// feeds of /feeds.opml link to.
		opml, status, err := get(b + "/feeds.opml")
		if err != nil || status != http.StatusOK {
			return fmt.Errorf("urls: no article links on %s, and no /feeds.opml (%s)", from, describe(b+"/feeds.opml", status, err))
		}
		feeds := xmlURL.FindAllSubmatch(opml, -1)
		for _, m := range feeds {
			fu, err := url.Parse(html.UnescapeString(string(m[1])))
			if err != nil {
				continue
			}
			body, status, err := get(b + fu.Path)
			if err != nil || status != http.StatusOK {
				continue
			}
			for _, m := range articleHref.FindAllSubmatch(body, -1) {
				u, err := url.Parse(html.UnescapeString(string(m[1])))
				if err != nil || seen[u.Path] {
					continue
				}
				seen[u.Path] = true
				paths = append(paths, u.Path)
			}
		}
		from += fmt.Sprintf(", then the %d feeds of /feeds.opml", len(feeds))
		if len(paths) == 0 {
			return fmt.Errorf("urls: no article links on %s", from)
		}
	}
	slices.Sort(paths)
	fmt.Fprintf(os.Stderr, "scale: %d article paths from %s\n", len(paths), from)
	return os.WriteFile(*out, []byte(strings.Join(paths, "\n")+"\n"), 0o644)
}

// ---- load ----

func runLoad(args []string) error {
	fs := flag.NewFlagSet("load", flag.ExitOnError)
	target := fs.String("url", "", "URL to GET")
	base := fs.String("base", "", "server base URL, with -paths")
	pathsFile := fs.String("paths", "", "file of paths, one a line: GET a random one each time")
	conns := fs.Int("conns", 32, "connections")
	duration := fs.Duration("duration", 10*time.Second, "how long")
	gz := fs.Bool("gzip", false, "send Accept-Encoding: gzip")
	fs.Parse(args)
	var urls []string
	switch {
	case *target != "":
		urls = []string{*target}
	case *pathsFile != "" && *base != "":
		f, err := os.Open(*pathsFile)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if p := strings.TrimSpace(sc.Text()); p != "" {
				urls = append(urls, strings.TrimRight(*base, "/")+p)
			}
		}
		f.Close()
	}
	if len(urls) == 0 || *conns <= 0 || *duration <= 0 {
		return errors.New("load: want -url URL or -base URL -paths FILE, and positive -conns, -duration")
	}
	tr := &http.Transport{
		Proxy:               nil,
		DisableCompression:  true, // the header is ours
		MaxIdleConnsPerHost: *conns,
	}
	c := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), *duration)
	defer cancel()
	var mu sync.Mutex
	var all []time.Duration
	var non2xx, errs int
	begin := time.Now()
	var wg sync.WaitGroup
	for range *conns {
		wg.Go(func() {
			var lat []time.Duration
			var bad, fail int
			for ctx.Err() == nil {
				req, _ := http.NewRequest(http.MethodGet, urls[rand.IntN(len(urls))], nil)
				if *gz {
					req.Header.Set("Accept-Encoding", "gzip")
				}
				t := time.Now()
				resp, err := c.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				if err != nil {
					fail++
					continue
				}
				lat = append(lat, time.Since(t))
				if resp.StatusCode/100 != 2 && resp.StatusCode/100 != 3 {
					bad++
				}
			}
			mu.Lock()
			all = append(all, lat...)
			non2xx += bad
			errs += fail
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(begin)
	slices.Sort(all)
	pct := func(p float64) float64 {
		if len(all) == 0 {
			return 0
		}
		i := max(0, min(len(all)-1, int(p*float64(len(all))+0.5)-1))
		return float64(all[i]) / float64(time.Millisecond)
	}
	fmt.Printf("RPS=%.0f\nP50_MS=%.2f\nP99_MS=%.2f\nREQUESTS=%d\nNON2XX=%d\nERRORS=%d\n",
		float64(len(all)+errs)/elapsed.Seconds(), pct(0.50), pct(0.99), len(all)+errs, non2xx, errs)
	return nil
}
