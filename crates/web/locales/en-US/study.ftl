## Study and training
nav-study = Study
page-study-courses = { $name } · Courses
page-study-course-new = Publish a course
page-study-hours = { $name } · Study hours { $year }
page-study-overview = { $name } · Study overview { $year }
page-study-member = { $name } · Study hours { $year }
page-study-trainings = { $name } · Trainings { $year }
page-study-training-new = Record a training
help-study-courses = Courses published by this organization and those above it. A video counts for the time actually played, each stretch once.
help-study-course-new = Upload a video (MP4) or give the address of an online course, with a PDF handout if there is one. The course goes to the members of this organization and of those below it.
help-study-video = The video is about { $size }. On a weak network, pause and come back: it resumes where it stopped.
help-study-video-upload = MP4, at most { $max } MB. Videos from phones are usually MP4.
help-study-link = The address of an online course, starting with https://. A linked course counts no hours: hours come from videos played, lectures and trainings.
help-study-overview = For each organization: members, how many met the year's hours and how many are short, and the average hours. Open an organization to see each member.
help-study-organizer = Who ran it, such as the county agriculture bureau, the township committee or the village branch.
help-study-attendees = Tick the members who took part. Where the branch brought the training to a frail member, tick "brought to them" too.
label-study-hours = { $hours } h
label-study-watched = Watched { $watched } of { $duration }, { $hours } study hours
label-study-video = Video course
label-study-link = Online course
label-study-published-by = Published by { $org }
label-study-met = Met
label-study-leader = Secretary or committee
label-study-brought = Brought to them
label-study-frail = Frail
label-study-rules = The hours required
label-study-attendees = Attendees ({ $count })
btn-study-publish = Publish a course
btn-study-hours = Study hours
btn-study-my-hours = My study hours
btn-study-courses = Courses
btn-study-trainings = Trainings
btn-study-overview = Organizations below
btn-study-training-new = Record a training
btn-study-open-link = Open the course
btn-study-document = Download the handout
btn-study-download-video = Download the video
msg-study-no-courses = No courses yet.
msg-study-no-trainings = No trainings recorded this year.
msg-study-none = None.
msg-study-no-script = Scripts are off in this browser: the video plays, but the time played cannot be counted.
msg-study-not-counted = You are not a dues-paying member: you can watch, but the time is not counted.
field-study-title = Title
field-study-summary = Summary
field-study-video = Video file
field-study-link = Course address
field-study-document = Handout (PDF)
field-study-courses = Video courses
field-study-lectures = Party lectures
field-study-trainings = Trainings
field-study-total = Hours
field-study-required = Required
field-study-short = Short by
field-study-short-members = Members short
field-study-met = Members who met it
field-study-average = Average hours
field-study-training-kind = Kind
field-study-organizer = Run by
field-study-place = Place
field-study-starts-on = First day
field-study-ends-on = Last day
field-study-days = Dates
field-study-hours = Study hours
field-study-attendees = Attendees
field-study-brought = Brought to them
field-study-recorded-by = Recorded by
study-training-kind-central = Concentrated training
study-training-kind-skills = Skills training
study-training-kind-other = Other study
error-study-video-or-link = Upload a video or give the course's address.
error-study-link = The address must start with http:// or https://, have no spaces and be at most 500 characters.
error-study-not-video = This file is not an MP4 video and cannot be published. Upload an MP4 as a phone or computer exports it.
error-study-video-too-large = The video is larger than allowed.
error-study-not-pdf = The handout must be a PDF.
error-study-document-too-large = The handout may be at most 20 MB.
error-study-no-video = This course has no video.
error-study-played = The playing report is not valid.
error-study-hours = Write the hours: more than 0, at most one decimal, such as 6 or 2.5.
error-study-backwards = The last day cannot be before the first.
error-study-training-hours = More hours than the training's days hold (at most 8 a day).
error-study-future = The training has not ended yet: record it once it has.
error-study-attendees = Tick at least one member who took part.
error-study-attendee-unknown = Someone ticked is not a dues-paying member of this organization.

## Rules
rule-title-study-hours = Members' yearly study hours
rule-says-study-hours = Each member studies at least 32 hours a year; secretaries and committee members of basic-level organizations at least 56. A video counts for the time played, a party lecture for the hours set for it, a training for the hours recorded.
rule-title-training-hours = Training hours and days
rule-says-training-hours = A training's recorded hours cannot exceed what its days hold: at most 8 hours a day.
rule-input-study-hours-hours = Hours this year
rule-input-training-hours-hours = Training hours
rule-input-leader = Secretary or committee member
rule-choice-leader-no = No
rule-choice-leader-yes = Yes
rule-input-starts-on = First day
rule-input-ends-on = Last day
rule-output-required = Hours required
rule-output-short = Hours short
rule-output-met = Met
rule-output-most = Most hours
rule-problem-study-hours = Write the hours: more than 0, at most one decimal.
reason-study-hours = { $met ->
    [yes] { $have } hours: the yearly { $required } hours are met.
   *[no] { $have } hours of the { $required } required a year: { $short } short.
}
reason-study-hours-leader = { $met ->
    [yes] Secretaries and committee members study at least { $required } hours a year: { $have } hours, met.
   *[no] Secretaries and committee members study at least { $required } hours a year: { $have } hours, { $short } short.
}
reason-study-training-hours = { $met ->
    [yes] { $days } days at most { $per_day } hours each hold { $most } hours: { $hours } recorded is possible.
   *[no] { $days } days at most { $per_day } hours each hold { $most } hours: { $hours } recorded is more.
}
