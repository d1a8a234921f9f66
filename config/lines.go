package config

import (
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// keyLines maps each key of a TOML document to the line it is on, so that
// a mistake found after decoding (a bad time zone, a duplicate id) can be
// reported where the user wrote it. Paths are dotted, with the index of
// each array element: "publication[1].tz", "publication[0].sections[2].slug".
type keyLines map[string]int

// indexKeyLines walks doc with go-toml's parser. A document that does not
// parse gives what was read before the error; the decoder reports the
// error itself.
func indexKeyLines(doc []byte) keyLines {
	lines := keyLines{}
	var p unstable.Parser
	p.Reset(doc)
	line := func(n *unstable.Node) int { return p.Shape(n.Raw).Start.Line }
	// arrays counts the tables of each array of tables seen so far, by
	// its path with indices resolved.
	arrays := map[string]int{}
	resolve := func(parts []string) string {
		path := ""
		for i, k := range parts {
			if path != "" {
				path += "."
			}
			path += k
			if n, ok := arrays[path]; ok && i < len(parts)-1 {
				path += "[" + strconv.Itoa(n-1) + "]"
			}
		}
		return path
	}
	table := ""
	for p.NextExpression() {
		e := p.Expression()
		var parts []string
		first := 0
		it := e.Key()
		for it.Next() {
			k := it.Node()
			if len(parts) == 0 {
				first = line(k)
			}
			parts = append(parts, string(k.Data))
		}
		switch e.Kind {
		case unstable.Table:
			table = resolve(parts)
			lines.set(table, first)
		case unstable.ArrayTable:
			path := resolve(parts)
			arrays[path]++
			table = path + "[" + strconv.Itoa(arrays[path]-1) + "]"
			lines.set(table, first)
		case unstable.KeyValue:
			path := strings.Join(parts, ".")
			if table != "" {
				path = table + "." + path
			}
			lines.set(path, first)
			lines.value(&p, path, e.Value())
		}
	}
	return lines
}

// value records the lines of the elements of an array and of the keys of
// an inline table.
func (l keyLines) value(p *unstable.Parser, path string, v *unstable.Node) {
	if v == nil || !v.Valid() {
		return
	}
	switch v.Kind {
	case unstable.Array:
		i := 0
		it := v.Children()
		for it.Next() {
			n := it.Node()
			el := path + "[" + strconv.Itoa(i) + "]"
			if n.Kind == unstable.InlineTable {
				// An inline table has no range of its own: its first key
				// gives the line.
				kv := n.Children()
				if kv.Next() {
					if k := kv.Node().Key(); k.Next() {
						l.set(el, p.Shape(k.Node().Raw).Start.Line)
					}
				}
			} else if n.Raw.Length > 0 {
				l.set(el, p.Shape(n.Raw).Start.Line)
			}
			l.value(p, el, n)
			i++
		}
	case unstable.InlineTable:
		it := v.Children()
		for it.Next() {
			kv := it.Node()
			var parts []string
			ln := 0
			k := kv.Key()
			for k.Next() {
				if len(parts) == 0 {
					ln = p.Shape(k.Node().Raw).Start.Line
				}
				parts = append(parts, string(k.Node().Data))
			}
			sub := path + "." + strings.Join(parts, ".")
			l.set(sub, ln)
			l.value(p, sub, kv.Value())
		}
	}
}

func (l keyLines) set(path string, line int) {
	if _, ok := l[path]; !ok && line > 0 {
		l[path] = line
	}
}

// line returns the line of path, or of its nearest parent that has one,
// or 0.
func (l keyLines) line(path string) int {
	for path != "" {
		if n, ok := l[path]; ok {
			return n
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 0
}
