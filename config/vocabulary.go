package config

import (
	"strings"

	"github.com/bulletinfeed/bulletinfeed/source"
)

// Vocabulary is a publication's [publication.vocabulary] table: words
// the parser should know besides its own (a role, a news agency, a
// colophon label this publisher prints), added without a code change.
type Vocabulary struct {
	Roles                []string `toml:"roles"`
	ShortRoles           []string `toml:"short_roles"`
	PhotoRoles           []string `toml:"photo_roles"`
	ProductionRoles      []string `toml:"production_roles"`
	ColophonLabels       []string `toml:"colophon_labels"`
	NewsAgencies         []string `toml:"news_agencies"`
	DatelinePrefixes     []string `toml:"dateline_prefixes"`
	PlaceSuffixes        []string `toml:"place_suffixes"`
	OrganizationSuffixes []string `toml:"organization_suffixes"`
	SubjectPrefixes      []string `toml:"subject_prefixes"`
	JobTitles            []string `toml:"job_titles"`
	EnglishCreditWords   []string `toml:"english_credit_words"`
	EndMarks             []string `toml:"end_marks"`
	// The words the reading of PDFs looks for.
	MastheadWords  []string `toml:"masthead_words"`
	Valedictions   []string `toml:"valedictions"`
	DeskPrefixes   []string `toml:"desk_prefixes"`
	NameTitles     []string `toml:"name_titles"`
	ContentsLabels []string `toml:"contents_labels"`
	Months         []string `toml:"months"`
	Weekdays       []string `toml:"weekdays"`
}

// vocabList is one list of a Vocabulary, by its key in the file, with
// the list of source.Vocabulary it adds to.
type vocabList struct {
	name  string
	words []string
	add   func(*source.Vocabulary, []string)
}

// lists names every list of v, in the file's order.
func (v Vocabulary) lists() []vocabList {
	return []vocabList{
		{"roles", v.Roles, func(s *source.Vocabulary, w []string) { s.Roles = w }},
		{"short_roles", v.ShortRoles, func(s *source.Vocabulary, w []string) { s.ShortRoles = w }},
		{"photo_roles", v.PhotoRoles, func(s *source.Vocabulary, w []string) { s.PhotoRoles = w }},
		{"production_roles", v.ProductionRoles, func(s *source.Vocabulary, w []string) { s.ProductionRoles = w }},
		{"colophon_labels", v.ColophonLabels, func(s *source.Vocabulary, w []string) { s.ColophonLabels = w }},
		{"news_agencies", v.NewsAgencies, func(s *source.Vocabulary, w []string) { s.NewsAgencies = w }},
		{"dateline_prefixes", v.DatelinePrefixes, func(s *source.Vocabulary, w []string) { s.DatelinePrefixes = w }},
		{"place_suffixes", v.PlaceSuffixes, func(s *source.Vocabulary, w []string) { s.PlaceSuffixes = w }},
		{"organization_suffixes", v.OrganizationSuffixes, func(s *source.Vocabulary, w []string) { s.OrganizationSuffixes = w }},
		{"subject_prefixes", v.SubjectPrefixes, func(s *source.Vocabulary, w []string) { s.SubjectPrefixes = w }},
		{"job_titles", v.JobTitles, func(s *source.Vocabulary, w []string) { s.JobTitles = w }},
		{"english_credit_words", v.EnglishCreditWords, func(s *source.Vocabulary, w []string) { s.EnglishCreditWords = w }},
		{"end_marks", v.EndMarks, func(s *source.Vocabulary, w []string) { s.EndMarks = w }},
		{"masthead_words", v.MastheadWords, func(s *source.Vocabulary, w []string) { s.MastheadWords = w }},
		{"valedictions", v.Valedictions, func(s *source.Vocabulary, w []string) { s.Valedictions = w }},
		{"desk_prefixes", v.DeskPrefixes, func(s *source.Vocabulary, w []string) { s.DeskPrefixes = w }},
		{"name_titles", v.NameTitles, func(s *source.Vocabulary, w []string) { s.NameTitles = w }},
		{"contents_labels", v.ContentsLabels, func(s *source.Vocabulary, w []string) { s.ContentsLabels = w }},
		{"months", v.Months, func(s *source.Vocabulary, w []string) { s.Months = w }},
		{"weekdays", v.Weekdays, func(s *source.Vocabulary, w []string) { s.Weekdays = w }},
	}
}

// additions returns the words of v as the parser's vocabulary type.
func (v Vocabulary) additions() source.Vocabulary {
	var out source.Vocabulary
	for _, l := range v.lists() {
		l.add(&out, l.words)
	}
	return out
}

// empty reports whether v adds no word.
func (v Vocabulary) empty() bool {
	for _, l := range v.lists() {
		if len(l.words) > 0 {
			return false
		}
	}
	return true
}

// blank returns the name of the first list of v that holds an empty or
// all-space word, "" when none does: a stray "" in a list is a mistake.
func (v Vocabulary) blank() string {
	for _, l := range v.lists() {
		for _, w := range l.words {
			if strings.TrimSpace(w) == "" {
				return l.name
			}
		}
	}
	return ""
}
