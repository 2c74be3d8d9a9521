#!/bin/sh
# models/train/train.sh - trains the capital-numeral model
# config/models/zzmoney.traineddata from scratch with Tesseract's own
# tools (run by make model, which builds the programs it uses first):
#
#   sh models/train/train.sh [STEP...]    default: every step in order
#
#   fonts    installs the Debian font packages (FONT_PACKAGES) not there
#   text     the lines (build/model/amounts), per font and variant
#   render   text2image pages (degraded, rotated, several exposures,
#            resolutions and letter spacings) and their .lstmf files
#   starter  unicharset and the starter traineddata (combine_lang_model)
#   train    lstmtraining from scratch (NET_SPEC): ITERATIONS on the
#            lines of VARIANTS, then on to ITERATIONS2 with VARIANTS2's too
#   final    the last checkpoint to an integer model in config/models/
#   eval     lstmeval and build/model/evalmoney on the held-out fonts,
#            beside Debian's chi_sim on the same lines
#
# Everything generated goes to build/model/ (ZZ_MODEL_BUILD), which git
# ignores; what is there is kept (remove it to start from nothing). Fixed seeds and lists: the same lines, pages and order on every
# run (text2image seeds its degradation itself; lstmtraining's threads
# may change the last digits of the error rates).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
B=${ZZ_MODEL_BUILD:-$top/build/model}
ITERATIONS=${ITERATIONS:-15000}     # phase 1, on VARIANTS
ITERATIONS2=${ITERATIONS2:-20000}   # phase 2 (in all), VARIANTS2 added
NET_SPEC=${NET_SPEC:-'[1,36,0,1 Ct3,3,16 Mp3,3 Lfys48 Lfx96 Lrx96 Lfx128 O1c###]'}
MODEL=${MODEL:-$top/config/models/zzmoney.traineddata}
LINES=500    # lines per training font and variant
EVAL_LINES=150
FONTS_DIR=/usr/share/fonts
# Debian packages of the fonts (the fonts step installs the missing ones)
FONT_PACKAGES="fonts-noto-cjk fonts-wqy-zenhei fonts-wqy-microhei fonts-arphic-ukai
fonts-arphic-uming fonts-arphic-gkai00mp fonts-hanazono fonts-smiley-sans fonts-lxgw-wenkai"

# Training fonts, each covering every character of amounts -c (checked
# with fc-list). Song/Ming: Noto Serif, HanaMin; Hei: Noto Sans (and its
# monospaced digits), Zen Hei, the oblique Smiley Sans; Kai: UKai, KaitiM.
TRAIN_FONTS='Noto Serif CJK SC
Noto Serif CJK SC Bold
HanaMinA Medium
Noto Sans CJK SC
Noto Sans CJK SC Bold
Noto Sans Mono CJK SC
WenQuanYi Zen Hei Medium
Smiley Sans Oblique
AR PL UKai CN
AR PL KaitiM GB'
# Held out for evaluation, one of each style, with no relative among the
# training fonts (Micro Hei's Han glyphs are Droid Sans Fallback's, UMing's
# SungtiL GB's: neither of those is trained on). The test renders in UMing.
HELD_OUT='AR PL UMing CN Light
WenQuanYi Micro Hei
LXGW WenKai'
# exposure resolution char-spacing distortion: as printed, lighter,
# darker, and a coarser scan with letters spread out. Distortion 1 is
# text2image's --distort_image (blur and noise, as a photo has them).
VARIANTS='0 300 0 0
-1 300 0.1 0
1 300 0 0
0 200 0.25 0'
# Phase 2: coarse scans darker and lighter, and blurred ones. Added after
# the model of phase 1 read thin Song (UMing Light) at 200 dpi with
# exposure 1 at 27% CER, strokes broken as no training line had them,
# and real licence photos poorly (README.md).
VARIANTS2='1 200 0.1 0
-1 200 0 0
0 300 0 1'
EVAL_VARIANTS='0 300 0 0
1 200 0.1 0'

say() { printf 'train.sh: %s\n' "$*" >&2; }

# _render NAME SEED LINES EXPOSURE DPI SPACING DISTORT FONT: one text,
# its pages and their .lstmf (a line each, the text from the box file)
render_one() {
	name=$1 seed=$2 n=$3 exp=$4 dpi=$5 cs=$6 distort=$7
	shift 7
	set -- "$*" --degrade_image=true --rotate_image=true
	[ "$distort" = 1 ] && set -- "$@" --distort_image=true --invert=false
	out="$B/lines/$name"
	[ -s "$out.lstmf" ] && return 0
	"$B/amounts" -s "$seed" -n "$n" >"$out.txt"
	font=$1
	shift
	text2image --text="$out.txt" --outputbase="$out" --font="$font" --fonts_dir="$FONTS_DIR" \
		--fontconfig_tmpdir="$B/fc" --ptsize=12 --resolution="$dpi" --exposure="$exp" \
		--char_spacing="$cs" --xsize=3600 --ysize=4800 --margin=100 --leading=32 \
		"$@" >"$out.log" 2>&1
	tesseract "$out.tif" "$out" --psm 6 lstm.train >>"$out.log" 2>&1
	test -s "$out.lstmf"
}

# the jobs: NAME SEED LINES EXPOSURE DPI SPACING DISTORT FONT, one a line
job_list() {
	f=0
	echo "$TRAIN_FONTS" | while IFS= read -r font; do
		f=$((f + 1)) v=0
		echo "$VARIANTS" | while read -r exp dpi cs d; do
			v=$((v + 1))
			echo "train-$f-$v $((1000 * v + f)) $LINES $exp $dpi $cs $d $font"
		done
		# a few lines of other text in the first two fonts, to watch
		# training by (lstmtraining's eval list): no held-out font
		v=0
		echo "$VARIANTS2" | while read -r exp dpi cs d; do
			v=$((v + 1))
			echo "phase2-$f-$v $((5000 + 100 * v + f)) $LINES $exp $dpi $cs $d $font"
		done
		if [ $f -le 2 ]; then
			echo "val-$f $((7000 + f)) 100 0 300 0 0 $font"
		fi
	done
	f=0
	echo "$HELD_OUT" | while IFS= read -r font; do
		f=$((f + 1)) v=0
		echo "$EVAL_VARIANTS" | while read -r exp dpi cs d; do
			v=$((v + 1))
			echo "heldout-$f-$v $((9000 + 10 * f + v)) $EVAL_LINES $exp $dpi $cs $d $font"
		done
	done
}

step_fonts() {
	missing=""
	for p in $FONT_PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
			missing="$missing $p"
	done
	[ -n "$missing" ] || return 0
	say "installing:$missing"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >&2
}

step_text() {
	mkdir -p "$B/lines" "$B/fc"
	test -x "$B/amounts" || { say "build/model/amounts missing: run make model"; exit 1; }
	echo "$TRAIN_FONTS
$HELD_OUT" | while IFS= read -r font; do
		text2image --list_available_fonts --fonts_dir="$FONTS_DIR" \
			--fontconfig_tmpdir="$B/fc" 2>/dev/null | grep -q ": $font\$" ||
			{ say "font '$font' not found (the fonts step installs it)"; exit 1; }
	done
	job_list >"$B/jobs"
}

step_render() {
	say "rendering $(wc -l <"$B/jobs") sets of lines"
	# two at a time, niced: the machine is shared
	tr '\n' '\0' <"$B/jobs" | xargs -0 -P 2 -I{} sh -c \
		'ZZ_MODEL_BUILD="$1" nice sh "$2" _render $3' sh "$B" "$0" {}
	ls "$B"/lines/train-*.lstmf | LC_ALL=C sort >"$B/train.list"
	ls "$B"/lines/train-*.lstmf "$B"/lines/phase2-*.lstmf | LC_ALL=C sort >"$B/train2.list"
	ls "$B"/lines/val-*.lstmf | LC_ALL=C sort >"$B/val.list"
	ls "$B"/lines/heldout-*.lstmf | LC_ALL=C sort >"$B/heldout.list"
}

step_starter() {
	mkdir -p "$B/script" "$B/starter"
	cat "$B"/lines/train-*.txt >"$B/all.txt"
	unicharset_extractor --output_unicharset "$B/unicharset" --norm_mode 1 "$B/all.txt" >&2
	# combine_lang_model insists on a radical-stroke table, used only to
	# compress the codes of Han scripts' many characters; our few pass
	# through as they are (--pass_through_recoder), so one entry will do.
	# Without the script unicharsets of langdata it warns "properties
	# incomplete" (shape statistics the LSTM engine does not use).
	printf '4E07\t1.2\n' >"$B/script/radical-stroke.txt"
	combine_lang_model --input_unicharset "$B/unicharset" --script_dir "$B/script" \
		--output_dir "$B/starter" --lang zzmoney --pass_through_recoder 2>&1 |
		grep -v 'properties incomplete' >&2
	test -s "$B/starter/zzmoney/zzmoney.traineddata"
}

# lstmtraining to $1 iterations on the list $2, from the checkpoint if
# there is one (every 100 iterations): the samples follow from the
# iteration, so a run taken up again is the same run
train_to() {
	size=$(head -n 1 "$B/unicharset")
	spec=$(echo "$NET_SPEC" | sed "s/c###/c$size/")
	from=""
	ck="$B/checkpoints/zzmoney_checkpoint"
	[ -s "$ck" ] && from="--continue_from $ck"
	say "lstmtraining $spec to $1 iterations on $2${from:+, from $ck} (log: $B/train.log)"
	start=$(date +%s)
	# shellcheck disable=SC2086 # from is empty or two words
	nice lstmtraining --traineddata "$B/starter/zzmoney/zzmoney.traineddata" $from \
		--net_spec "$spec" --model_output "$B/checkpoints/zzmoney" --learning_rate 20e-4 \
		--train_listfile "$2" --eval_listfile "$B/val.list" \
		--max_iterations "$1" --debug_interval 0 >>"$B/train.log" 2>&1
	echo "$1 iterations: $(($(date +%s) - start)) s" >>"$B/train.time"
	grep -E "^At iteration|Finished" "$B/train.log" | tail -n 2 >&2
}

step_train() {
	mkdir -p "$B/checkpoints"
	if [ ! -s "$B/checkpoints/phase1.checkpoint" ]; then
		train_to "$ITERATIONS" "$B/train.list"
		cp "$B/checkpoints/zzmoney_checkpoint" "$B/checkpoints/phase1.checkpoint"
	fi
	train_to "$ITERATIONS2" "$B/train2.list"
}

step_final() {
	mkdir -p "$(dirname "$MODEL")"
	lstmtraining --stop_training --convert_to_int \
		--continue_from "$B/checkpoints/zzmoney_checkpoint" \
		--traineddata "$B/starter/zzmoney/zzmoney.traineddata" --model_output "$MODEL" >&2
	ls -l "$MODEL" >&2
}

step_eval() {
	{
		echo "lstmeval, held-out fonts, $(wc -l <"$B/heldout.list") pages:"
		lstmeval --model "$MODEL" --eval_listfile "$B/heldout.list" 2>&1 | tail -n 1
		f=0
		echo "$HELD_OUT" | while IFS= read -r font; do
			f=$((f + 1))
			ls "$B"/lines/heldout-$f-*.lstmf >"$B/heldout-$f.list"
			printf '%s: ' "$font"
			lstmeval --model "$MODEL" --eval_listfile "$B/heldout-$f.list" 2>&1 | tail -n 1
		done
		echo
		echo "evalmoney (the library's zz_money_read, and chi_sim by zz_reread):"
		"$B/evalmoney" -c -d "$(dirname "$MODEL")" "$B"/lines/heldout-*.tif
	} | tee "$B/eval.txt"
}

if [ "${1:-}" = _render ]; then
	shift
	render_one "$@"
	exit
fi
[ $# -gt 0 ] || set -- fonts text render starter train final eval
for s in "$@"; do
	case $s in
	fonts | text | render | starter | train | final | eval) say "step $s"; "step_$s" ;;
	*) say "unknown step: $s"; exit 2 ;;
	esac
done
