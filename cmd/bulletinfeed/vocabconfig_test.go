package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPublicationVocabulary: a role the parser does not know ("楼长", a
// building head writing for a street's bulletin) is read as two names;
// added in [publication.vocabulary], it is a role.
func TestPublicationVocabulary(t *testing.T) {
	dir := t.TempDir()
	issue := filepath.Join(dir, "jiedao-2024-06.txt")
	text := "社区新闻\n\n老街坊茶话会举行\n\n楼长 王一\n\n茶话会在社区活动室举行，六十余位老人参加。\n\n义诊活动进社区\n\n通讯员 李二\n\n义诊活动为居民提供免费检查。\n"
	if err := os.WriteFile(issue, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	conf := func(extra string) string {
		p := filepath.Join(dir, "b.toml")
		doc := "[[publication]]\nid = \"street\"\nlang = \"zh-CN\"\nsections = [\"社区新闻\"]\n" + extra
		if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	_, out, _ := runCmd(t, "parse", "--config", conf(""), issue)
	if strings.Contains(out, `"role": "楼长"`) {
		t.Fatalf("without the word the role is known already; pick another: %s", out)
	}
	code, out, errs := runCmd(t, "parse", "--config", conf("[publication.vocabulary]\nroles = [\"楼长\"]\n"), issue)
	if code != exitOK || !strings.Contains(out, `"role": "楼长"`) || !strings.Contains(out, `"title": "老街坊茶话会举行"`) {
		t.Errorf("with roles = [\"楼长\"]: exit %d: %s%s", code, out, errs)
	}
	code, out, errs = runCmd(t, "config", "check", conf("[publication.vocabulary]\nroles = [\"\"]\nagencies = [\"新华社\"]\n"))
	errs += out
	if code != exitFail || !strings.Contains(errs, ":6: vocabulary.roles: an empty word") || !strings.Contains(errs, `:7: unknown key "publication.vocabulary.agencies"`) {
		t.Errorf("bad vocabulary: exit %d: %s", code, errs)
	}
}

// TestNoCredits: a council bulletin that prints no credit lines has no
// article for the default parse; with --no-credits, or credits = "none"
// for its publication, its headings start articles.
func TestNoCredits(t *testing.T) {
	const file = "../../source/testdata/nocredits/millbrook-council-2024-04.txt"
	if code, _, errs := runCmd(t, "parse", file); code == exitOK || !strings.Contains(errs, "no article found") {
		t.Fatalf("default parse: exit %d: %s", code, errs)
	}
	code, out, errs := runCmd(t, "parse", "--no-credits", file)
	if code != exitOK || strings.Count(out, `"title"`) < 3 {
		t.Fatalf("--no-credits: exit %d: %s%s", code, out, errs)
	}
	p := filepath.Join(t.TempDir(), "b.toml")
	os.WriteFile(p, []byte("[[publication]]\nid = \"millbrook\"\nlang = \"en\"\ncredits = \"none\"\n"), 0o644)
	code, viaConfig, errs := runCmd(t, "parse", "--config", p, file)
	if code != exitOK || viaConfig != out {
		t.Errorf("credits = \"none\": exit %d, same parse as --no-credits %v: %s", code, viaConfig == out, errs)
	}
	os.WriteFile(p, []byte("[[publication]]\nid = \"millbrook\"\ncredits = \"nope\"\n"), 0o644)
	if code, out, errs := runCmd(t, "config", "check", p); code != exitFail || !strings.Contains(out+errs, `b.toml:3: credits "nope"`) {
		t.Errorf("bad credits: exit %d: %s", code, errs)
	}
}
