package source

import (
	"regexp"
	"unicode/utf8"
)

// pictureLine matches a line that belongs to a picture, not to the text:
// its credit (Photo by Hal Corin, Photos: Jane Doe, (Photo courtesy of the
// Gazette), Cartoon by …, 摄影：蒋涛, 图：李明, 王芳 摄) or its caption
// opening 图为. Such lines are set anywhere near the picture, often in the
// body's type, and would otherwise be read into a paragraph.
var pictureLine = regexp.MustCompile(`(?i)^\(?(?:(?:photo(?:graph)?s?|pictures?|images?|cartoons?|illustrations?|drawings?|artwork)(?:\s+courtesy(?:\s+of)?|\s+by|\s*:)\s+\S.*|图为\S.*|(?:摄影|图|图片|照片|图文)\s*[:：]\s*\S.*|\p{Han}{2,4}\s*摄)\)?$`)

// isPictureLine reports whether s is a picture's credit or caption by its
// words alone (see pictureLine): a short line of its own.
func isPictureLine(s string) bool {
	return !off("picture-line") && utf8.RuneCountInString(s) <= 80 && pictureLine.MatchString(s)
}
