"""The relevance set: known-item queries written by hand, each with the title of the article
it should find. Corpus: the demo site (28 agency news articles) plus the first 1211 rows of
the peers corpus (../shared/peers/corpus/articles.tsv: Vietnamese LibreOffice help pages,
every title unique in that range), so the demo articles compete with 1,239 documents.

Hand-written kinds:
  exact          typed with full diacritics, as a person would (not always the title's words
                 in order, not always from the title alone)
  multisyllable  Vietnamese multi-syllable words only ("ngoại vụ", "lãnh sự", "biên giới")
  phrase         a quoted phrase
Derived mechanically from every hand-written query that is not a phrase (relevance.py):
  no_diacritics  tones and marks removed, đ -> d  ("hoi dam van linh")
  nfd            the same text in decomposed Unicode (combining tone marks)
  d_for_dd       only đ/Đ typed as d/D, other marks kept (queries that contain đ)
"""

# (kind, query, expected title)
QUERIES = [
    # --- demo: agency news ---
    ("exact", "ấn phẩm giới thiệu ba thứ tiếng", "Phát hành ấn phẩm giới thiệu tỉnh Lạc Hồng bằng ba thứ tiếng"),
    ("exact", "chứng nhận lãnh sự hợp pháp hóa", "Hướng dẫn thủ tục chứng nhận lãnh sự, hợp pháp hóa lãnh sự tại Sở Ngoại vụ"),
    ("exact", "xúc tiến thương mại Ngàn Mây", "Hội nghị xúc tiến thương mại, đầu tư tại Khu kinh tế cửa khẩu Ngàn Mây"),
    ("exact", "tuyên truyền pháp luật biên giới quốc gia", "Tuyên truyền pháp luật về biên giới quốc gia cho người dân các xã biên giới"),
    ("exact", "hội đàm Vân Lĩnh trao đổi đoàn", "Hội đàm cấp Sở với cơ quan ngoại vụ tỉnh Vân Lĩnh về kế hoạch trao đổi đoàn năm 2026"),
    ("exact", "vận động viện trợ phi chính phủ 2025", "Tổng kết công tác vận động, quản lý viện trợ phi chính phủ nước ngoài năm 2025"),
    ("exact", "Sở Ngoại vụ tổng kết năm 2025", "Sở Ngoại vụ tổng kết công tác năm 2025, triển khai nhiệm vụ năm 2026"),
    ("exact", "hội nghị cán bộ công chức viên chức người lao động", "Sở Ngoại vụ tổ chức Hội nghị cán bộ, công chức, viên chức và người lao động năm 2026"),
    ("exact", "kiều bào đón Tết Bính Ngọ", "Gặp mặt kiều bào về quê đón Tết Bính Ngọ 2026"),
    ("exact", "kế hoạch hội nhập quốc tế", "Kế hoạch hội nhập quốc tế của tỉnh Lạc Hồng năm 2026"),
    ("exact", "đoàn đại biểu tỉnh Vân Lĩnh", "Lãnh đạo UBND tỉnh hội đàm với Đoàn đại biểu tỉnh Vân Lĩnh"),
    ("exact", "cấp nước sạch bốn thôn", "Ký kết dự án cấp nước sạch cho bốn thôn biên giới từ nguồn viện trợ phi chính phủ nước ngoài"),
    ("exact", "quản lý văn bản hồ sơ công việc điện tử", "Sở Ngoại vụ đưa hệ thống quản lý văn bản và hồ sơ công việc điện tử vào vận hành"),
    ("exact", "hộ chiếu ngoại giao hộ chiếu công vụ", "Hướng dẫn hồ sơ đề nghị cấp hộ chiếu ngoại giao, hộ chiếu công vụ"),
    ("exact", "mốc quốc giới xã Mây Ngàn", "Kiểm tra thực địa hệ thống mốc quốc giới trên địa bàn xã Mây Ngàn"),
    ("exact", "cuộc thi ảnh miền biên viễn hữu nghị", "Phát động cuộc thi ảnh “Lạc Hồng – miền biên viễn hữu nghị” năm 2026"),
    ("exact", "bồi dưỡng kiến thức đối ngoại cấp xã", "Bồi dưỡng kiến thức đối ngoại cho cán bộ chủ chốt cấp xã năm 2026"),
    ("exact", "sơ kết đối ngoại 6 tháng đầu năm", "Sơ kết công tác đối ngoại 6 tháng đầu năm 2026"),
    ("exact", "bàn giao điểm trường Bản Ngà", "Bàn giao điểm trường Bản Ngà xây dựng từ nguồn viện trợ phi chính phủ nước ngoài"),
    ("exact", "cơ quan đại diện tìm hiểu môi trường đầu tư", "Tiếp xã giao Đoàn cán bộ cơ quan đại diện nước ngoài tìm hiểu môi trường đầu tư"),
    ("exact", "tuyển dụng viên chức Trung tâm Thông tin", "Thông báo tuyển dụng viên chức Trung tâm Thông tin và Dịch vụ đối ngoại năm 2026"),
    ("exact", "lịch tiếp công dân quý IV", "Lịch tiếp công dân định kỳ của Lãnh đạo Sở Ngoại vụ quý IV năm 2026"),
    ("exact", "xuất nhập khẩu qua cửa khẩu 9 tháng", "Hoạt động xuất nhập khẩu qua các cửa khẩu của tỉnh 9 tháng năm 2026"),
    ("exact", "biên bản ghi nhớ hợp tác Vân Lĩnh 5 năm", "Đánh giá 5 năm thực hiện Biên bản ghi nhớ hợp tác với tỉnh Vân Lĩnh"),
    ("exact", "giao ban quản lý biên giới quý III", "Giao ban công tác quản lý biên giới quý III năm 2026"),
    ("exact", "doanh nghiệp hội chợ thương mại biên giới", "Doanh nghiệp Lạc Hồng tham gia Hội chợ thương mại biên giới năm 2026"),
    ("exact", "tiếp nhận hồ sơ trực tuyến thủ tục hành chính", "Thông báo tiếp nhận hồ sơ trực tuyến các thủ tục hành chính lĩnh vực ngoại vụ"),
    ("exact", "Phó Chủ tịch kiểm tra nhiệm vụ đối ngoại", "Phó Chủ tịch UBND tỉnh kiểm tra việc thực hiện nhiệm vụ đối ngoại tại Sở Ngoại vụ"),
    # --- peers corpus: LibreOffice help in Vietnamese ---
    ("exact", "chuyển đổi chữ hoa chữ thường", "Chuyển đổi giữa Chữ Hoa và Chữ Thường"),
    ("exact", "đầu chân trang ảnh chiếu", "Thêm Đầu/Chân Trang cho Mọi Ảnh Chiếu"),
    ("exact", "vẽ hình quạt", "Vẽ hình quạt và hình phân"),
    ("exact", "di chuyển khung đối tượng bằng bàn phím", "Thay đổi Kích cỡ và Di chuyển Khung và Đối tượng bằng Bàn phím"),
    ("exact", "trộn và xẻ ô", "Trộn và Xẻ các Ô"),
    ("exact", "cơ số số mũ", "Cơ số và Số mũ"),
    ("exact", "sao và băng cờ", "Sao và Băng cờ"),
    ("exact", "tên và số thứ tự chương", "Chèn Tên và Số thứ tự Chương vào Đầu/Chân Trang"),
    ("exact", "trợ lý nghị sự", "Trợ lý Nghị sự > Mục nghị sự"),
    ("exact", "áp dụng kiểu dáng trang", "Tạo và Áp dụng Kiểu dáng Trang"),
    ("exact", "bộ quản lý phần mở rộng", "Bộ Quản Lý Phần Mở Rộng"),
    ("exact", "dấu ngoặc nhóm lại", "Dấu ngoặc và Nhóm lại"),
    ("exact", "văn bản điều kiện đếm trang", "Văn bản điều kiện khi đếm trang"),
    ("exact", "thuộc tính đặc biệt trường đã định dạng", "Thuộc tính đặc biệt của trường đã định dạng"),
    # --- multi-syllable words only ---
    ("multisyllable", "ấn phẩm", "Phát hành ấn phẩm giới thiệu tỉnh Lạc Hồng bằng ba thứ tiếng"),
    ("multisyllable", "hộ chiếu công vụ", "Hướng dẫn hồ sơ đề nghị cấp hộ chiếu ngoại giao, hộ chiếu công vụ"),
    ("multisyllable", "hội nhập quốc tế", "Kế hoạch hội nhập quốc tế của tỉnh Lạc Hồng năm 2026"),
    ("multisyllable", "mốc quốc giới thực địa", "Kiểm tra thực địa hệ thống mốc quốc giới trên địa bàn xã Mây Ngàn"),
    ("multisyllable", "kiều bào", "Gặp mặt kiều bào về quê đón Tết Bính Ngọ 2026"),
    ("multisyllable", "xuất nhập khẩu", "Hoạt động xuất nhập khẩu qua các cửa khẩu của tỉnh 9 tháng năm 2026"),
    ("multisyllable", "chữ ký số", "Chữ ký số"),
    ("multisyllable", "hình quạt", "Vẽ hình quạt và hình phân"),
    ("multisyllable", "phần mở rộng", "Bộ Quản Lý Phần Mở Rộng"),
    ("multisyllable", "tuyển dụng viên chức", "Thông báo tuyển dụng viên chức Trung tâm Thông tin và Dịch vụ đối ngoại năm 2026"),
    # --- phrases ---
    ('phrase', '"ba thứ tiếng"', "Phát hành ấn phẩm giới thiệu tỉnh Lạc Hồng bằng ba thứ tiếng"),
    ('phrase', '"hợp pháp hóa lãnh sự"', "Hướng dẫn thủ tục chứng nhận lãnh sự, hợp pháp hóa lãnh sự tại Sở Ngoại vụ"),
    ('phrase', '"Tết Bính Ngọ"', "Gặp mặt kiều bào về quê đón Tết Bính Ngọ 2026"),
    ('phrase', '"điểm trường Bản Ngà"', "Bàn giao điểm trường Bản Ngà xây dựng từ nguồn viện trợ phi chính phủ nước ngoài"),
    ('phrase', '"chữ hoa và chữ thường"', "Chuyển đổi giữa Chữ Hoa và Chữ Thường"),
    ('phrase', '"sao và băng cờ"', "Sao và Băng cờ"),
    ('phrase', '"mốc quốc giới"', "Kiểm tra thực địa hệ thống mốc quốc giới trên địa bàn xã Mây Ngàn"),
    ('phrase', '"trộn và xẻ"', "Trộn và Xẻ các Ô"),
]
