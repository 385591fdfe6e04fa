package notice_test

import (
	"fmt"
	"time"

	"github.com/bulletin-gov/bulletin/internal/notice"
)

func ExampleDocument_Text() {
	d := &notice.Document{
		IssuerMark: "衡阳县政务公开政务服务领导小组办公室",
		DocNumber:  "衡县政务公开办〔2022〕12号",
		Title:      "关于2022年第三季度全县“互联网+监管”工作情况的通报",
		Addressee:  "县直各相关单位",
		Body: []notice.Block{
			{Level: 1, Heading: "一、总体情况"},
			{Level: 2, Heading: "（一）目录清单梳理完成。", Text: "全县目录清单梳理完成率100%。"},
		},
		Attachments: []notice.Attachment{{Title: "排名表", Table: &notice.Table{
			Columns: []notice.Column{{Header: "排名"}, {Header: "单位"}, {Header: "覆盖率", Group: "监管行为覆盖率"}},
			Rows:    [][]string{{"并列1", "县发改局", "100%"}},
		}}},
		Signature: "衡阳县政务公开政务服务领导小组办公室",
		Date:      time.Date(2022, 11, 4, 0, 0, 0, 0, time.UTC),
		CC:        []string{"县人民政府办公室"},
		Printer:   "衡阳县政务公开政务服务领导小组办公室",
		PrintDate: time.Date(2022, 11, 4, 0, 0, 0, 0, time.UTC),
	}
	fmt.Print(d.Text())
	// Output:
	// 衡阳县政务公开政务服务领导小组办公室
	// 衡县政务公开办〔2022〕12号
	//
	// 关于2022年第三季度全县“互联网+监管”工作情况的通报
	//
	// 县直各相关单位：
	// 　　一、总体情况
	// 　　（一）目录清单梳理完成。全县目录清单梳理完成率100%。
	//
	// 　　附件：排名表
	//
	// 衡阳县政务公开政务服务领导小组办公室
	// 2022年11月4日
	//
	// 附件
	//
	// 排名表
	//
	// 排名 | 单位 | 监管行为覆盖率/覆盖率
	// 并列1 | 县发改局 | 100%
	//
	// 抄送：县人民政府办公室。
	// 衡阳县政务公开政务服务领导小组办公室　　2022年11月4日印发
}
