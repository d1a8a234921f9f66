package bulletinfeed

import "strings"

// Byline credits one person with one role, as printed: 通讯员 赵钰真 is
// {Role: "通讯员", Name: "赵钰真"}; "By Jane Doe" is {Role: "By", Name:
// "Jane Doe"}. A name printed with no title has an empty role.
type Byline struct {
	Role string `json:"role"`
	Name string `json:"name"`
}

// String formats the byline as it would be printed.
func (b Byline) String() string {
	if b.Role == "" {
		return b.Name
	}
	return b.Role + " " + b.Name
}

// FormatBylines joins bylines into one credit line as it would be printed,
// grouping consecutive names that share a role: "通讯员 张媛芮 摄影 冯荔",
// "By Jane Doe and Tom Lee; Photos by Sam Lee".
func FormatBylines(bs []Byline) string {
	var b strings.Builder
	for i := 0; i < len(bs); {
		j := i + 1
		for j < len(bs) && bs[j].Role == bs[i].Role {
			j++
		}
		names := make([]string, 0, j-i)
		for _, x := range bs[i:j] {
			names = append(names, x.Name)
		}
		latin := isLatin(bs[i].Role + strings.Join(names, ""))
		if i > 0 {
			if latin {
				b.WriteString("; ")
			} else {
				b.WriteByte(' ')
			}
		}
		if bs[i].Role != "" {
			b.WriteString(bs[i].Role)
			b.WriteByte(' ')
		}
		if latin {
			b.WriteString(joinEnglish(names))
		} else {
			b.WriteString(strings.Join(names, " "))
		}
		i = j
	}
	return b.String()
}

// joinEnglish lists names as English prose does: "A", "A and B", "A, B and C".
func joinEnglish(names []string) string {
	if len(names) <= 2 {
		return strings.Join(names, " and ")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func isLatin(s string) bool {
	for _, r := range s {
		if r >= 0x2e80 {
			return false
		}
	}
	return true
}
