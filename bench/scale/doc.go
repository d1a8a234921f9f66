// Command scale is the helper of bench/scale.sh: it writes the issues of a
// weekly district bulletin of many years, and it measures a running
// `bulletinfeed serve` from outside.
//
//	go build -o scale ./bench/scale
//	scale banners                                   # the section banners, one a line
//	scale gen -n 500 -out DIR [-prefix scale] [-last 2026-06-01]
//	scale wait -url URL [-title T] [-since MS] [-timeout 600s] [-pid PID]
//	scale urls -base URL -prefix scale -n 500 [-sample 300] -out FILE
//	scale load -url URL | -paths FILE -base URL [-conns 32] [-duration 10s] [-gzip]
//
// gen writes DIR/PREFIX-000001.txt … : N issues, one a week, the last one
// dated -last (no earlier than 1900-01-01, the first date the parser
// accepts). Each issue has Issue:/Date: header lines and ten articles: two on
// the front page (before any banner, so in the default section) and eight
// under four of the twenty section banners, two under each, the banners
// turning by four each week so that every section gets the same share. An
// article is a heading line, a credit line (通讯员 张三, sometimes with a
// photographer) and three to six paragraphs of 60–250 characters, with a
// page number between some articles, as the text of a print PDF has them.
// Every title names a numbered edition of a recurring event with the issue's
// number in it, and every first paragraph the date and number, so
// no two articles of any two issues have the same title or text. The output
// depends only on N, -prefix and -last.
//
// wait polls URL every 10 ms until it answers 200 or, with -title, until it
// is an Atom feed with an entry of that title; it then also GETs that
// entry's link (on URL's host) until it answers 200. It prints
// "feed_ms=F article_ms=A path=P", the milliseconds since -since (Unix
// milliseconds, default: wait's own start), and exits 1 at -timeout or
// when process -pid has exited.
//
// urls GETs the issue pages /issues/PREFIX-NNNNNN of a random sample of the
// N issues and writes the article paths they link to, one a line, so that a
// load over them reaches the whole archive, not only what the feeds list.
// When those pages link to no article it takes the articles of the feeds
// that /feeds.opml lists instead, and says so.
//
// load is the stand-in for wrk: -conns connections, each GETting URL (or a
// random path of -paths on -base) back to back for -duration, with
// Accept-Encoding: gzip when -gzip. It prints wrk-like figures as KEY=VALUE
// lines: RPS, P50_MS, P99_MS, REQUESTS, NON2XX, ERRORS.
package main
