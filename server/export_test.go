package server

// Strip returns path without the path of baseURL, as the server reads
// requests.
func Strip(baseURL, path string) string {
	s := &Server{}
	s.base, s.baseEscaped = basePath(baseURL)
	return s.strip(path)
}

// RouteAdmin is where the console is mounted on the site.
const RouteAdmin = routeAdmin

// Routes returns the server's own routes.
func Routes() []string { return routes }
