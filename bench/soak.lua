-- The soak's mix: each request takes the next path of this list, round robin.
local paths = {
  "/", "/countries/kz/", "/countries/kz/report/", "/countries/kz/laws/", "/countries/kz/laws/?page=2",
  "/countries/kz/news/", "/news/", "/codebook/", "/compare/?countries=kz", "/countries/kz/timeline/",
  "/search/?q=assembly", "/search/?q=notice+period", "/api/v1/laws/?page_size=100", "/api/v1/news/",
  "/api/v1/countries/kz/profile/", "/api/v1/answers/?country=KZ", "/api/v1/panel/?country=KZ&format=csv",
  "/api/v1/search/?q=registration", "/api/v1/laws/?format=csv", "/api/v1/dataset.zip", "/sitemap.xml",
  "/news/feed/",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
