package wording_test

import (
	"fmt"

	"github.com/bulletin-gov/bulletin/internal/wording"
)

func ExampleGrouped() {
	fmt.Println(wording.Grouped([]wording.Group{
		{Value: 3, Units: []string{"衡阳县司法局", "祁东县司法局"}},
		{Value: 1, Units: []string{"蒸湘区市场监督管理局"}},
	}, "项未梳理"))
	// Output: 衡阳县司法局、祁东县司法局各3项未梳理，蒸湘区市场监督管理局1项未梳理
}

func ExamplePointsChange() {
	fmt.Println(wording.PointsChange(0.0032, 2, "上季度"))
	fmt.Println(wording.PointsChange(0, 2, "上季度"))
	fmt.Println(wording.CountChange(15, 0, "人", "上季度"))
	// Output:
	// 较上季度上升0.32个百分点
	// 与上季度持平
	// 较上季度增加15人
}
