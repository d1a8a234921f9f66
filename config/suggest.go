package config

import (
	"reflect"
	"strings"
)

// suggestKey returns the known key nearest to the unknown one at path (the
// key's path in the file, "publication.titel"), or "" when none is near
// enough to be what was meant: `unknown key "adr"` then says "did you mean
// addr?". The known keys are read off fileConfig's toml tags, so the
// suggestion never names a key the file may not hold.
func suggestKey(path []string) string {
	if len(path) == 0 {
		return ""
	}
	t := reflect.TypeOf(fileConfig{})
	for _, seg := range path[:len(path)-1] {
		f, ok := tomlField(t, seg)
		if !ok {
			return ""
		}
		t = f.Type
		for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return ""
		}
	}
	unknown := strings.ToLower(path[len(path)-1])
	best, bestDist := "", 0
	for i := range t.NumField() {
		name := tomlName(t.Field(i))
		if name == "" {
			continue
		}
		// One edit in a short key, two in a longer one: "adr" → addr,
		// "titel" → title, "max_items" is not feed_items.
		limit := 1
		if len(name) > 5 {
			limit = 2
		}
		if d := editDistance(unknown, name); d <= limit && (best == "" || d < bestDist) {
			best, bestDist = name, d
		}
	}
	return best
}

// tomlField returns the field of struct type t whose toml name is name.
func tomlField(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		if tomlName(t.Field(i)) == name {
			return t.Field(i), true
		}
	}
	return reflect.StructField{}, false
}

// tomlName is the key of a field in the file, "" for a field the file
// does not hold.
func tomlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	if name == "-" || !f.IsExported() {
		return ""
	}
	return name
}

// editDistance is the Damerau–Levenshtein distance of a and b (optimal
// string alignment): insertions, deletions, substitutions and swaps of
// two neighbouring letters each cost one.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}
