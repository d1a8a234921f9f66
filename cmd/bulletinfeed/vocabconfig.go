package main

import (
	"strings"

	"github.com/bulletinfeed/bulletinfeed/source"
)

// fileVocabulary is a publication's [publication.vocabulary] table: words
// the parser should know besides its own (a role, a news agency, a
// colophon label this publisher prints), added without a code change.
type fileVocabulary struct {
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
}

// additions returns the words of v as the parser's vocabulary type.
func (v fileVocabulary) additions() source.Vocabulary {
	return source.Vocabulary{
		Roles: v.Roles, ShortRoles: v.ShortRoles, PhotoRoles: v.PhotoRoles, ProductionRoles: v.ProductionRoles,
		ColophonLabels: v.ColophonLabels, NewsAgencies: v.NewsAgencies, DatelinePrefixes: v.DatelinePrefixes,
		PlaceSuffixes: v.PlaceSuffixes, OrganizationSuffixes: v.OrganizationSuffixes, SubjectPrefixes: v.SubjectPrefixes,
		JobTitles: v.JobTitles, EnglishCreditWords: v.EnglishCreditWords, EndMarks: v.EndMarks,
	}
}

// empty reports whether v adds no word.
func (v fileVocabulary) empty() bool {
	for _, l := range [][]string{v.Roles, v.ShortRoles, v.PhotoRoles, v.ProductionRoles, v.ColophonLabels, v.NewsAgencies,
		v.DatelinePrefixes, v.PlaceSuffixes, v.OrganizationSuffixes, v.SubjectPrefixes, v.JobTitles, v.EnglishCreditWords, v.EndMarks} {
		if len(l) > 0 {
			return false
		}
	}
	return true
}

// blank returns the name of the first list of v that holds an empty or
// all-space word, "" when none does: a stray "" in a list is a mistake.
func (v fileVocabulary) blank() string {
	lists := map[string][]string{"roles": v.Roles, "short_roles": v.ShortRoles, "photo_roles": v.PhotoRoles,
		"production_roles": v.ProductionRoles, "colophon_labels": v.ColophonLabels, "news_agencies": v.NewsAgencies,
		"dateline_prefixes": v.DatelinePrefixes, "place_suffixes": v.PlaceSuffixes, "organization_suffixes": v.OrganizationSuffixes,
		"subject_prefixes": v.SubjectPrefixes, "job_titles": v.JobTitles, "english_credit_words": v.EnglishCreditWords, "end_marks": v.EndMarks}
	for _, name := range []string{"roles", "short_roles", "photo_roles", "production_roles", "colophon_labels", "news_agencies",
		"dateline_prefixes", "place_suffixes", "organization_suffixes", "subject_prefixes", "job_titles", "english_credit_words", "end_marks"} {
		for _, w := range lists[name] {
			if strings.TrimSpace(w) == "" {
				return name
			}
		}
	}
	return ""
}
