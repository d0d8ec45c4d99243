# Staff pages: lists as cards on phones, the next step of a need, the township's villages
label-staff-filters = 筛选和搜索
label-staff-filtered = 已筛选
label-staff-row = 第 { $no } 行
