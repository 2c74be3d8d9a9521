#!/bin/sh
# The normalisers (lib/core/normal.c) on a table of cases: money, dates, names,
# credit codes and counts as OCR and office files give them. Each expected
# value was worked out by hand; valid credit codes were made with an
# independent implementation of GB 32100 and are checked again below with
# tests/tools/uscc. Lines are KIND<TAB>INPUT<TAB>EXPECTED, as tests/tools/norm
# prints them; a line starting with # is a comment.
. "$(dirname "$0")/lib.sh"

cat >table <<\EOF
# money, unit 1 (a value in 元): Chinese capital and common numerals
money	人民币贰仟万元整	20000000
money	壹仟伍佰万圆	15000000
money	柒仟柒佰柒拾柒万元	77770000
money	叁拾万零伍仟元	305000
money	一千二百万元	12000000
money	人民币壹什贰佰万元整	repaired:12000000
money	叁拾参万元	repaired:330000
money	染佰万元	repaired:7000000
money	别拾万元	repaired:800000
money	1.414.200.00元	repaired:1414200
money	1.414.200元	repaired:1414200
money	12.5万元	125000
money	1.4142.00元	error:-1
money	什么万元	error:-1
money	人民币贰人万元整	repaired:20000000
money	律拾万元整	repaired:400000
money	伍估万元整	repaired:5000000
money	壹佰万元下	repaired:1000000
money	1000万元训	repaired:10000000
money	壹佰万元整	1000000
money	万元下	error:-1
money	人民币壹人伍佰万元	repaired:15000000
money	人万元	error:-1
money	壹仟佰万元	error:-1
money	壹人佰万元整	error:-1
# a capital 佰 or 仟 with no digit before it lost one (壹佰万元整 read as
# 佰万元整): 壹, a repair; a common 百 may open an amount, a 拾 may
money	佰万元整	repaired:1000000
money	仟万元	repaired:10000000
money	人民币佰万元整	repaired:1000000
money	壹万佰元	error:-1
money	百万元	1000000
money	一千零十元	1010
money	人民币壹仟贰佰万元整	12000000
money	伍佰万元	5000000
money	两千万元	20000000
money	二百五十万	2500000
money	十万	100000
money	拾万元	100000
money	壹拾万元	100000
money	壹亿零伍佰万元	105000000
money	一亿二千万	120000000
money	壹万亿元	1000000000000
money	一千万亿元	1000000000000000
# long numerals, 零 in its places, colloquial 一万二
money	一万零五百	10500
money	一百万零一	1000001
money	一亿零一万	100010000
money	一千零一十	1010
money	十二亿三千四百五十六万七千八百九十	1234567890
money	壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元	1234567890
money	1亿2000万	120000000
money	一点五亿	150000000
money	一万二	12000
money	十万五	105000
# Arabic, with separators, units and currency words
money	1,000.00万元	10000000
money	5000 万人民币	50000000
money	10000000元	10000000
money	¥1,200,000.00	1200000
money	1.2亿元	120000000
money	3.5亿	350000000
money	RMB 500万	5000000
money	rmb500万元	5000000
money	CNY 8,000	8000
money	1200万元	12000000
money	1,200.50万元	12005000
money	人民币 1200 万元整	12000000
money	1200万5000元	12005000
money	5千万	50000000
money	500千元	500000
money	注册资本：人民币1200万元	12000000
money	1200元整。	1200
money	１，２００．５０万元	12005000
money	￥１２００元	1200
# fractions of a yuan round half up
money	壹佰元伍角	101
money	壹佰元肆角玖分	100
money	贰元零伍分	2
money	贰拾叁元肆角伍分	23
money	伍角	1
money	1200.5元	1201
money	1200.49元	1200
money	0.5元	1
money	0.49元	0
money	1.23456万元	12346
money	0元	0
money	零元	0
# at most 10^15 yuan
money	1000000000000000元	1000000000000000
money	1000000000000001元	error:-1
money	10000000000000000元	error:-1
money	99999999999999999999999元	error:-1
# other currencies
money	1000万美元	error:-2
money	USD 1,000,000	error:-2
money	港元500万	error:-2
money	500万港币	error:-2
money	€300	error:-2
money	欧元	error:-1
# not amounts
money	ARM BFMAA	error:-1
money		error:-1
money	万元	error:-1
money	元	error:-1
money	人民币	error:-1
money	12,00	error:-1
money	-100元	error:-1
money	1200元5	error:-1
money	1200元万	error:-1
money	百百万	error:-1
money	万十9亿	error:-1
money	三万四千万	error:-1
money	一亿万	error:-1
money	1四七	error:-1
money	2年:81	error:-1
# a 万元 column: the unit applies only when the cell names none
money-wan	1200	12000000
money-wan	1,200.50	12005000
money-wan	0.5	5000
money-wan	0.00005	1
money-wan	0.00004	0
money-wan	伍佰	5000000
money-wan	¥1,200	12000000
money-wan	1200万元	12000000
money-wan	500元	500
money-wan	1.2亿	120000000
money-wan	100000000000	1000000000000000
money-wan	100000000001	error:-1
money-wan	100 USD	error:-2
money-wan	万元	error:-1
# dates: Chinese, Arabic, separators, spaces, full width, OCR
date	2015年03月18日	2015-03-18
date	2015年3月18日	2015-03-18
date	二〇一五年三月十八日	2015-03-18
date	二零一五年三月十八日	2015-03-18
date	二○一五年三月十八日	2015-03-18
date	二O一五年三月十八日	2015-03-18
date	二〇二四年十二月三十一日	2024-12-31
date	二〇一五年十月一日	2015-10-01
date	二〇一五年〇三月〇八日	2015-03-08
# old licences: 廿 and 卅, and 0 for 〇 in a Chinese year
date	二〇一三年三月廿二日	2013-03-22
date	二〇〇七年八月廿日	2007-08-20
date	二〇一五年一月卅一日	2015-01-31
date	二0一五年十一月六日	2015-11-06
date	二〇1五年十一月六日	error:-1
date	2015年3月十八日	2015-03-18
date	2015年3月18号	2015-03-18
date	2015.3.18	2015-03-18
date	2015.03.18.	2015-03-18
date	2015-03-18	2015-03-18
date	2015/3/18	2015-03-18
date	20150318	2015-03-18
date	2015-03-18T10:20:00	2015-03-18
# a year's first figure misread as 0 (二 as O): its one possible century;
# a stray mark before 月; neither for eight bare digits
date	O〇一三年三月廿二日	repaired:2013-03-22
date	0015年3月18日	repaired:2015-03-18
date	0998年7月1日	repaired:1998-07-01
date	2018年02?月13日	repaired:2018-02-13
date	00150318	error:-1
date	2015 年 3 月 18 日	2015-03-18
date	1 9 9 8 . 0 7 . 0 1	1998-07-01
date	２０１５年３月１８日	2015-03-18
date	２０１５－０３－１８	2015-03-18
date	2O15年O3月l8日	2015-03-18
date	2015年l2月3l日	2015-12-31
date	2OI5/O3/I8	2015-03-18
# the first date, or an open end if that comes first
date	自2025年12月05日	2025-12-05
date	有效期至2030年1月1日	2030-01-01
date	自2015年03月18日至长期	2015-03-18
date	长期(自2015年03月18日)	open
date	2023-02-29至2024-03-01	2024-03-01
date	长期	open
date	长期有效	open
date	永久	open
date	无固定期限	open
# calendar checks
date	2024-02-29	2024-02-29
date	2023-02-29	error:-1
date	2000-02-29	2000-02-29
date	1900-02-29	error:-1
date	2100-02-29	error:-1
date	二〇二〇年二月二十九日	2020-02-29
date	二〇一五年二月二十九日	error:-1
date	2015-13-01	error:-1
date	2015-00-10	error:-1
date	2015-04-31	error:-1
date	2015年3月32日	error:-1
date	1899-12-31	error:-1
date	1900-01-01	1900-01-01
date	2199-12-31	2199-12-31
date	2200-01-01	error:-1
# no date
date	2015年3月	error:-1
date	二〇一五年三月	error:-1
date	15年3月18日	error:-1
date	201503181	error:-1
date	2015-3/18	error:-1
date		error:-1
date	hello	error:-1
# names
name	北京某某科技有限公司	北京某某科技有限公司
name	北京某某科技(集团)有限公司	北京某某科技（集团）有限公司
name	北京某某科技（集团）有限公司	北京某某科技（集团）有限公司
name	北京某某科技 ( 集团 ) 有限公司	北京某某科技（集团）有限公司
name	北京 某某 科技 有限公司	北京某某科技有限公司
name	ＡＢＣ科技有限公司	ABC科技有限公司
name	ａｂｃ Ｄｅｆ	abcDef
name	Ab Cd	AbCd
name	某某公司１２３号	某某公司123号
name	〔2015〕第3号	（2015）第3号
name	[北京]某某	（北京）某某
name	［北京］某某	（北京）某某
name	【北京】某某	（北京）某某
# and what OCR makes of round brackets in a name: no name has these
name	〈北京〉某某	（北京）某某
name	《北京》某某	（北京）某某
name	「北京」某某	（北京）某某
name	﹙北京﹚某某	（北京）某某
name	〖北京〗某某	（北京）某某
name	某某，公司	某某,公司
name	上海＃某某＆Co．	上海#某某&Co.
name	某某·公司	某某·公司
name		
# credit codes valid as read (spacing, case and width are not repairs)
uscc	91350100M000100Y43	91350100M000100Y43
uscc	914401063AL8DN0F05	914401063AL8DN0F05
uscc	9144 0106 3AL8 DN0F 05	914401063AL8DN0F05
uscc	914401063al8dn0f05	914401063AL8DN0F05
uscc	91350100-M000100Y4-3	91350100M000100Y43
uscc	９１３５０１００Ｍ０００１００Ｙ４３	91350100M000100Y43
# letters outside the alphabet (I O S V Z) are forced, however many
uscc	914401063AL8DNOF05	repaired:914401063AL8DN0F05
uscc	913501OOM0OO1OOY43	repaired:91350100M000100Y43
uscc	9I3Z0S0SMAIMBZV0SX	repaired:91320505MA1MB2U05X
# one substitution inside the alphabet: B/8 G/6 D→0 Q→0, the check digit too
uscc	9312011677B93287XJ	repaired:9312011677893287XJ
uscc	91320505MA4284WE52	repaired:91320505MA42B4WE52
uscc	9312011G77893287XJ	repaired:9312011677893287XJ
uscc	92420106MA62116W6B	repaired:92420106MAG2116W6B
uscc	9312D11677893287XJ	repaired:9312011677893287XJ
# a 注册号 (GB/T 17710 MOD 11,10): as read, letters read for digits, a wrong digit, too short
regno	110108000123459	110108000123459
regno	3101-1500-0876-545	310115000876545
regno	32O583OOOOOOO15	repaired:320583000000015
regno	5001O3OO4567897	repaired:500103004567897
regno	21O2O2OOOOOO993	repaired:210202000000993
regno	110108000123458	error:-1
regno	310115000876554	error:-1
regno	注册号110108000123459	error:-1
regno	44030610701019	error:-1
regno	4403061070101910	error:-1
# one character read as something else altogether: the check digit gives it
uscc	91110102MA007PC34开	repaired:91110102MA007PC34K
uscc	911101开2MA007PC34K	repaired:91110102MA007PC34K
uscc	91110102MA007P开3开K	error:-1
# one character too many (S8 read for 8): the one deletion the check allows
uscc	914401063AL8DNS0F05	repaired:914401063AL8DN0F05
uscc	91350100M000100Y4S3	repaired:91350100M000100Y43
uscc	91350100M000100Y433X	error:-1
# a deletion the code's check allows but the organisation code's (GB 11714) does not
uscc	91450103MATRHMNM8FY	error:-1
uscc	91450103MATRHMNMS3F	repaired:91450103MATRHMNM3F
uscc	91110102MA007PC34*	error:-1
uscc	9312Q11677893287XJ	repaired:9312011677893287XJ
uscc	92110108MANCD2JL9B	repaired:92110108MANCD2JL98
uscc	93120116MA0KC0H17D	repaired:93120116MA0KC0H170
uscc	9312O116MA6DK0XB4X	repaired:93120116MA6DK0X84X
# readings of one code that differ in a few places, none valid: the one
# code both check characters allow (GB 32100 and the organisation code's
# GB 11714) among what was read, one place of the organisation code
# solved; H read as 6, B, B and E, 7 read as T once
uscc-agree	93120116MA0KC06170|93120116MA0KC0B170|93120116MA0KC0B170|93120116MA0KC0B1T0|93120116MA0KC0E170	93120116MA0KC0H170
uscc-agree	93120116MA0KC06170|93120116MA0KC0B170|93120116MA0KC0B1T0	93120116MA0KC0H170
# I mended, and a place outside the organisation code in doubt (6 or G)
uscc-agree	93120116MA0KC06170|93I20116MA0KC0B170|93120116MA0KC0B1T0|93120116MA0KC0B1T0|9312011GMA0KC0B170	93120116MA0KC0H170
# two readings are too few; four places in doubt are too many
uscc-agree	93120116MA0KC0B170|93120116MA0KC0B1T0	error:-1
uscc-agree	93120116MA0KCDB170|93120116MA0KC06170|93120116MA0KC0B170|93120116MA0KC0B1T0|93120116MA0KC0B172	error:-1
# two codes hold and the readings favour neither by two characters
uscc-agree	93120116MA0KA0H1R0|93120116MA0KC0A170|93120116MA0KJ07170|93120116MA0KY0R170	error:-1
# readings of a name, each wrong in a place of its own: what they agree
# on character by character, of the length most have (at least three),
# each place by at least two and more than any other character
vote	沈阳瑞箭塑胶制品集团有限公司|沈阳瑞腾饮胶制品集团有限公司|沈阳瑞腾馈胶制品集团有限公司|沈阳瑞腾塑胶制品集团有限公司|沈阳现腾筹胶制品集团有限公司	沈阳瑞腾塑胶制品集团有限公司
vote	卓朋邦（武汉）建材有限责任公司|卓朋邦（武汉）建材有限责任公司|章朋邦（武汉）建材有限责任公司|卓朋邦（武汉）建材有限责任公司|章朋邦（武汉）建材有限责任公司	卓朋邦（武汉）建材有限责任公司
# a reading a character longer or shorter is left out, not aligned
vote	田孟断|田孟断|田备断上|田孟|田孟断	田孟断
# a place read two ways as often (河 twice, 润 twice), a place read
# differently by all, two readings of one length, lengths tied: none
vote	南宁市明河建材|南宁市明润建材|南宁市明河建材|南宁市明泣建材|南宁市明润建材	error:-1
vote	万遇|万向|万巾	error:-1
vote	湾流汇|湾流汇|湾流	error:-1
vote	湾流汇|湾流汇|湾流|湾流|湾流汇国|湾流汇国	error:-1
# readings of a type too blurred to mend one by one (a 604 px photo):
# of the known values (after the >), the one nearest them all, in edits
# summed, the next further by an edit a reading, one reading within half
# its length (here 8 of 21 characters off; the next is one more each)
known	存艰责任公司（白热人投均或控航的法人将变）|的天全公司（自拓人报本吉近李的法人下|大间作公司（自拓人投机下近李的法人路灾）|询了家任公司（和然人投下所上的计人政变|有有限责任公司（白杖人所让折归的法人政变>有限责任公司（自然人投资或控股的法人独资）|有限责任公司（非自然人投资或控股的法人独资）|有限责任公司（自然人投资或控股）|有限责任公司（法人独资）|有限责任公司|股份有限公司	有限责任公司（自然人投资或控股的法人独资）
known	责任公司（自然人投资控股|限责任公司（自然人投或控股）|有限任公司（自然人投资或控股>有限责任公司（自然人投资或控股的法人独资）|有限责任公司（非自然人投资或控股的法人独资）|有限责任公司（自然人投资或控股）|有限责任公司（法人独资）|有限责任公司|股份有限公司	有限责任公司（自然人投资或控股）
# two readings are too few; other words of the licence are near no
# value; readings as near one value as another; all too far
known	存艰责任公司（白热人投均或控航的法人将变）|大间作公司（自拓人投机下近李的法人路灾）>有限责任公司（自然人投资或控股的法人独资）|有限责任公司（非自然人投资或控股的法人独资）|有限责任公司（自然人投资或控股）|有限责任公司（法人独资）|有限责任公司|股份有限公司	error:-1
known	营业执照副本|统一社会信用代码|法定代表人>有限责任公司（自然人投资或控股的法人独资）|有限责任公司（非自然人投资或控股的法人独资）|有限责任公司（自然人投资或控股）|有限责任公司（法人独资）|有限责任公司|股份有限公司	error:-1
known	有限公司|有限公司|有限公司>有限责任公司（自然人投资或控股的法人独资）|有限责任公司（非自然人投资或控股的法人独资）|有限责任公司（自然人投资或控股）|有限责任公司（法人独资）|有限责任公司|股份有限公司	error:-1
known	的天全公司（自拓人报本吉近李的法人下|询了家任公司（和然人投下所上的计人政变|大间作公司（自拓人投机下近李的法人路灾）>有限责任公司（自然人投资或控股的法人独资）|有限责任公司（非自然人投资或控股的法人独资）|有限责任公司（自然人投资或控股）|有限责任公司（法人独资）|有限责任公司|股份有限公司	error:-1
# D→0 or 6→G both make the check hold, but only the first leaves a
# division code of digits; none; two needed; D read as O
uscc	9242D106MAG2116W6B	repaired:92420106MAG2116W6B
uscc	93120F1677893287XJ	error:-1
uscc	92320505MAGB4DPJ7K	error:-1
uscc	92420106MAW0RO26XT	error:-1
# a misreading outside the confusions is not mended into a code that
# cannot be (it was 91110108MABN9Y106X; no division code starts with Y),
# and a repair must look like a code beyond its check digit: the province
# 20 does not exist (it was 91320509MA213G5P8M)
uscc	91Y10108MABN9Y106X	error:-1
uscc	13205090MA313G5P8M	error:-1
# not codes
uscc	91350100M000100Y4	error:-1
uscc	91350100M000100Y433	repaired:91350100M000100Y43
uscc	91350100M000100Y4*	error:-1
uscc		error:-1
uscc	ARM BFMAA	error:-1
# counts
int	9	9
int	9人	9
int	九人	9
int	十二名	12
int	共 12 人	12
int	１２	12
int	二十	20
int	二十一人	21
int	一百零五	105
int	两人	2
int	十	10
int	拾	10
int	三万	30000
int	一万二	12000
int	一千零二	1002
int	1,200人	1200
int	共计：三十五人	35
int	第3页共12页	3
int	12.	12
int	0	0
int	9223372036854775807	9223372036854775807
int	9223372036854775808	error:-1
int	99999999999999999999	error:-1
int	12.5	error:-1
int	一二三	error:-1
int	无	error:-1
int		error:-1
int	人	error:-1
EOF

test_expect_success 'every case in the table' '
	grep -v "^#" table >expect &&
	cut -f1,2 expect | norm >actual &&
	test_cmp expect actual
'

test_expect_success 'the table covers every kind' '
	for k in money money-wan date name uscc regno int; do
		test $(grep -c "^$k	" expect) -ge 10 || exit 1
	done
'

test_expect_success 'codes given as valid or repaired pass the check (tests/tools/uscc)' '
	grep "^uscc	" expect | cut -f3 | grep -v "^error" | sed "s/^repaired://" >codes &&
	test $(wc -l <codes) -ge 15 &&
	uscc $(cat codes)
'

test_expect_success 'dates given as valid are in the calendar (date(1))' '
	grep "^date	" expect | cut -f3 | grep "^[0-9]" | sort -u >dates &&
	while read d; do
		test "$(date -u -d "$d" +%F)" = "$d" || exit 1
	done <dates
'

test_expect_success 'names lose white space of every kind, tabs included' '
	printf "name\t北京\302\240某某\343\200\200公司\n" >in &&
	printf "name\t\t A\tB\342\200\213C \n" >>in &&
	printf "name\t北京\302\240某某\343\200\200公司\t北京某某公司\n" >expect &&
	printf "name\t\t A\tB\342\200\213C \tABC\n" >>expect &&
	norm <in >actual &&
	test_cmp expect actual
'

test_expect_success 'invalid UTF-8 is refused by every normaliser' '
	for k in money money-wan date name uscc regno int; do
		printf "%s\t12\377\n%s\t\300\261\n%s\t\355\240\200\n" $k $k $k
	done >in &&
	for k in money money-wan date name uscc regno int; do
		printf "%s\t12\377\terror:-1\n" $k
		printf "%s\t\300\261\terror:-1\n" $k
		printf "%s\t\355\240\200\terror:-1\n" $k
	done >expect &&
	norm <in >actual &&
	cmp expect actual
'

test_expect_success 'a line without a tab or with an unknown kind is a usage error' '
	printf "money 12\n" >bad &&
	test_expect_code 2 norm <bad &&
	printf "weight\t12\n" >bad &&
	test_expect_code 2 norm <bad
'

test_done
