package server

// Strip returns path without the path of baseURL, as the server reads
// requests.
func Strip(baseURL, path string) string { return (&Server{base: basePath(baseURL)}).strip(path) }

// RouteAdmin is where the console is mounted on the site.
const RouteAdmin = routeAdmin

// Routes returns the server's own routes.
func Routes() []string { return routes }
