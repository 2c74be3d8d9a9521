/* labels.c - the Chinese a clerk reads for the database's words. */
#include <string.h>

#include "station/station.h"

static const char *const labels[][2] = {
	{"eligible", "符合条件"},   {"ineligible", "不符合条件"}, {"incomplete", "材料不全"},
	{"review", "需人工审核"},   {"pass", "通过"},             {"fail", "不通过"},
	{"missing", "缺材料"},      {"ok", "已识别"},             {"reread", "复读"},
	{"confirmed", "审核员确认"}, {"empty", "空"},             {"derived", "推算"},
	{"derived-doubtful", "推算（存疑）"}, {"none", "未设状态"}, {"reconciled", "据名册核对"},
};

const char *
zz_station_label(const char *id)
{
	if (!id)
		return "";
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (!strcmp(id, labels[i][0]))
			return labels[i][1];
	const char *l = zz_life_label(id); /* statuses, as the command line names them */
	return l ? l : id;
}
