# Staff pages: lists as cards on phones, the next step of a need, the township's villages
label-staff-filters = Filter and search
label-staff-filtered = Filtered
label-staff-row = Row { $no }
