package gongwen_test

import (
	"fmt"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
)

func ExampleDump() {
	pages := []gongwen.Page{{Number: 1, Items: []gongwen.Item{
		gongwen.Text{X: gongwen.TypeLeftMM, Y: gongwen.TypeTopMM + 7.26, Face: gongwen.Hei, SizePt: 16, S: "附件"},
	}}}
	fmt.Print(gongwen.Dump(pages))
	// Output:
	// page 1 number 1
	// p1 L00.00 C00.00 hei 16 附件
}
