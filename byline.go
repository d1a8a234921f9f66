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

// FormatBylines joins bylines into one credit line, grouping consecutive
// names that share a role: "通讯员 张媛芮 摄影 冯荔".
func FormatBylines(bs []Byline) string {
	var parts []string
	for i, b := range bs {
		if i > 0 && bs[i-1].Role == b.Role {
			parts = append(parts, b.Name)
			continue
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, " ")
}
