/* station.c - the station: the server (server.c) with its pages. */
#include "station/station.h"

zz_station *
zz_station_start(const zz_station_opts *o, int *port, char **err)
{
	static const zz_station_routes pages = {zz_page_queue, zz_page_case, zz_action_case};
	return zz_server_start(o, &pages, port, err);
}
